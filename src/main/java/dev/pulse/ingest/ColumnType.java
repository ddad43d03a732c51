package dev.pulse.ingest;

/** The value types of the data contract. */
public enum ColumnType {
    /** A string identifier, kept exactly as written ({@code 007} stays {@code 007}). */
    ID,
    /** Free text. */
    TEXT,
    /** Category-like text: trimmed, compared case-insensitively, shown in the first spelling seen. */
    CATEGORY,
    /** One of a fixed set of values, trimmed and compared case-insensitively; stored in lower case. */
    ENUM,
    /** ISO-8601 timestamp; without an offset it is read in the reporting time zone. */
    TIMESTAMP,
    /** {@code YYYY-MM-DD}. */
    DATE,
    /** {@code YYYY-MM}, stored as the month's first day. */
    MONTH,
    /** true/false, yes/no, 1/0 (also t/f, y/n, 1.0/0.0), case-insensitive. */
    BOOLEAN,
    /** A whole number. */
    INTEGER,
    /** A decimal number. */
    DECIMAL,
    /** An e-mail address: trimmed, then one {@code @}, a dot in the domain, no spaces (shared/spec/program.md). */
    EMAIL;

    public String sqlType() {
        return switch (this) {
            case ID, TEXT, CATEGORY, ENUM, EMAIL -> "VARCHAR";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case DATE, MONTH -> "DATE";
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DOUBLE";
        };
    }
}
