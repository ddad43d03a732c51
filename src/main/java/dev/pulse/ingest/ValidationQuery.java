package dev.pulse.ingest;

import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Builds the statement that parses a file, as the engine's reader gives it (text columns c0..cN in
 * file order), into the contract's types and collects, per row, every reason it breaks the
 * contract. Three layers: trimmed text, typed values, reasons.
 */
final class ValidationQuery {
    private final Dialect dialect;
    private final FileSpec spec;
    private final CsvHeader header;
    private final CsvImportOptions options;

    ValidationQuery(Dialect dialect, FileSpec spec, CsvHeader header, CsvImportOptions options) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.header = requireNonNull(header, "header is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * A statement creating the table {@code target(<contract columns>, reason, raw)} straight from the
     * file reader (text columns c0..cN): reason is null for a good row; raw is the row as a CSV line,
     * kept only for a bad row. The engine keeps the reader's order, so the target's row id is the
     * record's index among the file's well-formed records. The account check needs a join, which
     * need not keep that order, so it is a separate statement ({@link #accountCheck}).
     */
    Sql createChecked(String target, Sql reader, int fileColumns) {
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < fileColumns; i++) {
            raws.add("c" + i);
        }
        List<String> texts = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        List<RowRule> checks = new ArrayList<>();
        for (ColumnSpec column : spec.columns()) {
            int index = header.indexOf(column.name());
            String text = textName(column);
            String raw = index < 0 ? "CAST(NULL AS VARCHAR)" : "c" + index;
            texts.add(textExpression(column, raw) + " AS " + text);
            typed.add(valueExpression(column, text) + " AS " + dialect.identifier(column.name()));
            typed.add(text);
            checks.addAll(checks(column, index >= 0));
        }
        checks.addAll(spec.rowRules());
        String columns = spec.columns().stream().map(c -> dialect.identifier(c.name())).collect(Collectors.joining(", "));
        // Typed exactly as the stored table: on a first import this table becomes it.
        String stored = spec.columns().stream()
                .map(c -> "CAST(" + dialect.identifier(c.name()) + " AS " + c.type().sqlType() + ") AS " + dialect.identifier(c.name()))
                .collect(Collectors.joining(", "));
        // The messages are built only for a row that breaks some check: building (and skipping) twenty
        // null messages per row took more than half the time of the whole statement.
        String broken = checks.stream().map(c -> "(" + c.violation() + ")").collect(Collectors.joining(" OR "));
        List<String> messages = checks.stream().map(c -> "CASE WHEN " + c.violation() + " THEN " + c.message() + " END").toList();
        String reason = "CASE WHEN " + broken + " THEN NULLIF(" + dialect.concatSkippingNulls("; ", messages) + ", '') END";
        String rawColumns = String.join(", ", raws);
        return new Sql.Builder()
                .add("CREATE TABLE " + target + " AS SELECT " + stored + ", reason,"
                        + " CASE WHEN reason IS NOT NULL THEN " + rawLine(dialect, fileColumns) + " END AS raw"
                        + " FROM (SELECT " + columns + ", " + reason + " AS reason, " + rawColumns
                        + " FROM (SELECT " + String.join(", ", typed) + ", " + rawColumns
                        + " FROM (SELECT " + String.join(", ", texts) + ", " + rawColumns + " FROM ")
                .add(reader)
                .add(") t) v) w")
                .build();
    }

    /** The reader's text columns c0..cN put back together as a CSV line (quoted where needed). */
    static String rawLine(Dialect dialect, int fileColumns) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < fileColumns; i++) {
            fields.add(dialect.csvField("c" + i));
        }
        return String.join(" || ',' || ", fields);
    }

    /** Adds the unknown-account reason to the checked rows whose account is not in the accounts table; null when the file has no account column. */
    Sql accountCheck(String checked) {
        if (spec.accountColumn() == null) {
            return null;
        }
        String account = dialect.identifier(spec.accountColumn());
        String message = dialect.stringLiteral(spec.accountColumn() + ": '") + " || " + account
                + " || ''' is not an account of accounts.csv'";
        return Sql.of("UPDATE " + checked + " SET reason = " + dialect.concatSkippingNulls("; ", List.of("reason", message))
                + " WHERE " + account + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = "
                + checked + "." + account + ")");
    }

    private String textName(ColumnSpec column) {
        return dialect.identifier("t__" + column.name());
    }

    private String textExpression(ColumnSpec column, String raw) {
        if ((column.type() == ColumnType.DECIMAL || column.type() == ColumnType.INTEGER) && header.delimiter() == ';') {
            // A ';'-separated file comes from where the decimal mark is a comma: 87,5 and 1.234,5 (a dot then groups
            // thousands); a whole number may be written 4,0 there as 4.0 is elsewhere.
            raw = "CASE WHEN " + raw + " LIKE '%,%' THEN replace(replace(" + raw + ", '.', ''), ',', '.') ELSE " + raw + " END";
        }
        return switch (column.type()) {
            // Identifiers and free text keep their exact characters; only an all-blank field is empty.
            // trim() copies every value; only a value with a space at either end needs it (half the statement's time otherwise).
            case ID, TEXT -> "CASE WHEN " + raw + " = '' THEN NULL WHEN " + padded(raw) + " AND trim(" + raw + ") = '' THEN NULL ELSE "
                    + raw + " END";
            case CATEGORY, ENUM, TIMESTAMP, DATE, MONTH, BOOLEAN, INTEGER, DECIMAL, EMAIL -> "CASE WHEN " + raw + " = '' THEN NULL WHEN "
                    + padded(raw) + " THEN NULLIF(trim(" + raw + "), '') ELSE " + raw + " END";
        };
    }

    /** True when the text starts or ends with a space (what trim removes). */
    private static String padded(String raw) {
        return "(" + raw + " LIKE ' %' OR " + raw + " LIKE '% ')";
    }

    private String valueExpression(ColumnSpec column, String text) {
        String parsed = parse(column.type(), text, column.allowed());
        if (column.defaultText() == null) {
            return parsed;
        }
        return "coalesce(" + parsed + ", CASE WHEN " + text + " IS NULL THEN "
                + parse(column.type(), dialect.stringLiteral(column.defaultText()), column.allowed()) + " END)";
    }

    private String parse(ColumnType type, String text, List<String> allowed) {
        String dateFormat = options.dateFormats().get(spec.fileName());
        if (type == ColumnType.DATE && dateFormat != null) {
            return "coalesce(" + parseIso(type, text, allowed) + ", " + dialect.tryParseDate(text, dateFormat) + ")";
        }
        String timestampFormat = options.timestampFormats().get(spec.fileName());
        if (type == ColumnType.TIMESTAMP && timestampFormat != null) {
            return "coalesce(" + parseIso(type, text, allowed) + ", " + dialect.tryParseTimestamp(text, timestampFormat) + ")";
        }
        return parseIso(type, text, allowed);
    }

    /** The value as the data contract writes it. */
    private String parseIso(ColumnType type, String text, List<String> allowed) {
        return switch (type) {
            case ID, TEXT, CATEGORY -> text;
            case ENUM -> "CASE WHEN lower(" + text + ") IN (" + allowed.stream().map(dialect::stringLiteral)
                    .collect(Collectors.joining(", ")) + ") THEN lower(" + text + ") END";
            // The engine's cast accepts more than ISO-8601; a cheap shape check keeps it to YYYY-MM-DD[T ]...
            case TIMESTAMP -> "CASE WHEN " + text + " LIKE '____-__-__%' THEN " + dialect.tryTimestamp(text) + " END";
            // A date may carry a midnight time, a month its first day: exports of date-time columns write them so.
            case DATE -> "CASE WHEN " + dialect.regexMatches(text, "\\d{4}-\\d{2}-\\d{2}([T ]00:00(:00(\\.0+)?)?)?") + " THEN "
                    + dialect.tryDate("left(" + text + ", 10)") + " END";
            case MONTH -> "CASE WHEN " + dialect.regexMatches(text, "\\d{4}-\\d{2}(-01)?") + " THEN "
                    + dialect.tryDate("left(" + text + ", 7) || '-01'") + " END";
            // The contract's spellings, and what database and data-frame exports write: t/f, y/n, 1.0/0.0.
            case BOOLEAN -> "CASE WHEN lower(" + text + ") IN ('true', 'yes', '1', 't', 'y', '1.0') THEN TRUE"
                    + " WHEN lower(" + text + ") IN ('false', 'no', '0', 'f', 'n', '0.0') THEN FALSE END";
            // A whole number, also written with a zero fraction ("3.0", as tools that keep numbers as floating
            // point export them); "1.5" is not one.
            case INTEGER -> "CASE WHEN " + dialect.regexMatches(text, "[+-]?\\d{1,18}(\\.0*)?") + " THEN " + dialect.tryInteger(text)
                    + " END";
            case DECIMAL -> "CASE WHEN " + dialect.regexMatches(text, "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") + " THEN "
                    + dialect.tryDecimal(text) + " END";
            // The letter of the spec: one @, a dot in the part after it, no white space anywhere.
            case EMAIL -> "CASE WHEN " + dialect.regexMatches(text, "[^@\\s]*@[^@\\s]*\\.[^@\\s]*") + " THEN " + text + " END";
        };
    }

    /** The column's checks, each a violation (true when broken) and the message saying so. */
    private List<RowRule> checks(ColumnSpec column, boolean inHeader) {
        String name = column.name();
        String value = dialect.identifier(name);
        String text = textName(column);
        List<RowRule> checks = new ArrayList<>();
        if (column.required()) {
            String message = inHeader ? name + ": a required value is missing" : name + ": the required column is missing from the header";
            checks.add(new RowRule(text + " IS NULL", dialect.stringLiteral(message)));
        }
        boolean parsed = switch (column.type()) {
            case ID, TEXT, CATEGORY -> false;
            case ENUM, TIMESTAMP, DATE, MONTH, BOOLEAN, INTEGER, DECIMAL, EMAIL -> true;
        };
        if (parsed) {
            // NA, NULL and the like are text: only an empty field is null (contract). A hint in the message for
            // them was tried and reverted: DuckDB evaluated it for every row (+3.5 s for 10 M tickets).
            checks.add(new RowRule(text + " IS NOT NULL AND " + value + " IS NULL",
                    dialect.stringLiteral(name + ": '") + " || " + quoted(text) + " || " + dialect.stringLiteral("' is not " + describe(column)
                            + (describeFormat(column) == null ? "" : describeFormat(column)))));
        }
        int maxLength = options.maxLength(column.type());
        if (maxLength > 0) {
            checks.add(new RowRule(dialect.longerThan(text, maxLength),
                    dialect.stringLiteral(name + ": ") + " || CAST(length(" + text + ") AS VARCHAR) || "
                            + dialect.stringLiteral(" characters, more than the " + maxLength + " a value may have (import."
                            + (column.type() == ColumnType.TEXT ? "max_text_length" : "max_value_length") + " in pulse.yaml)")));
        }
        if (column.minimum() != null) {
            checks.add(new RowRule(value + " < " + number(column.minimum()), dialect.stringLiteral(name + ": ") + " || " + text + " || "
                    + dialect.stringLiteral(" is below the minimum " + number(column.minimum()))));
        }
        if (column.maximum() != null) {
            checks.add(new RowRule(value + " > " + number(column.maximum()), dialect.stringLiteral(name + ": ") + " || " + text + " || "
                    + dialect.stringLiteral(" is above the maximum " + number(column.maximum()))));
        }
        return checks;
    }

    /** A value quoted in a message: its first 80 characters and "..." when longer (a broken 5 MB value is not repeated whole). */
    private static String quoted(String text) {
        return "CASE WHEN length(" + text + ") > 80 THEN left(" + text + ", 80) || '...' ELSE " + text + " END";
    }

    private String describeFormat(ColumnSpec column) {
        String format = switch (column.type()) {
            case DATE -> options.dateFormats().get(spec.fileName());
            case TIMESTAMP -> options.timestampFormats().get(spec.fileName());
            case ID, TEXT, CATEGORY, ENUM, MONTH, BOOLEAN, INTEGER, DECIMAL, EMAIL -> null;
        };
        return format == null ? null : " or " + format + " (import." + (column.type() == ColumnType.DATE ? "date" : "timestamp") + "_format)";
    }

    private static String describe(ColumnSpec column) {
        return switch (column.type()) {
            case ID, TEXT, CATEGORY -> "text";
            case ENUM -> "one of " + String.join(", ", column.allowed());
            case TIMESTAMP -> "an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)";
            case DATE -> "a date (YYYY-MM-DD)";
            case MONTH -> "a month (YYYY-MM, or its first day YYYY-MM-01)";
            case BOOLEAN -> "a boolean (true/false, yes/no, 1/0)";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case EMAIL -> "an e-mail address (one @, a dot in the domain, no spaces)";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
