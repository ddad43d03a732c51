package dev.pulse.ingest;

import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Builds the one statement that parses a staged file (text columns c0..cN in file order) into the
 * contract's types and collects, per row, every reason it breaks the contract. Three layers:
 * trimmed text, typed values, reasons.
 */
final class ValidationQuery {
    private final Dialect dialect;
    private final FileSpec spec;
    private final CsvHeader header;
    private final String stage;

    ValidationQuery(Dialect dialect, FileSpec spec, CsvHeader header, String stage) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.header = requireNonNull(header, "header is null");
        this.stage = requireNonNull(stage, "stage is null");
    }

    /** A statement creating {@code target(rn, <contract columns>, reason)}; reason is null for a good row. */
    Sql createChecked(String target) {
        List<String> texts = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ColumnSpec column : spec.columns()) {
            int index = header.indexOf(column.name());
            String text = textName(column);
            String raw = index < 0 ? "CAST(NULL AS VARCHAR)" : "c" + index;
            texts.add(textExpression(column, raw) + " AS " + text);
            typed.add(valueExpression(column, text) + " AS " + dialect.identifier(column.name()));
            typed.add(text);
            reasons.addAll(reasonExpressions(column, index >= 0));
        }
        for (RowRule rule : spec.rowRules()) {
            reasons.add("CASE WHEN " + rule.violation() + " THEN " + rule.message() + " END");
        }
        String accountJoin = "";
        if (spec.accountColumn() != null) {
            String account = dialect.identifier(spec.accountColumn());
            reasons.add("CASE WHEN v." + account + " IS NOT NULL AND a.known_account IS NULL THEN "
                    + dialect.stringLiteral(spec.accountColumn() + ": '") + " || v." + account
                    + " || ''' is not an account of accounts.csv' END");
            accountJoin = " LEFT JOIN (SELECT DISTINCT account_id AS known_account FROM accounts) a ON a.known_account = v." + account;
        }
        String columns = spec.columns().stream().map(c -> "v." + dialect.identifier(c.name())).collect(Collectors.joining(", "));
        String reason = "NULLIF(" + dialect.concatSkippingNulls("; ", reasons) + ", '')";
        return Sql.of("CREATE TEMP TABLE " + target + " AS SELECT v.rn, " + columns + ", " + reason + " AS reason"
                + " FROM (SELECT t.rn, " + String.join(", ", typed) + " FROM (SELECT rowid AS rn, "
                + String.join(", ", texts) + " FROM " + stage + ") t) v" + accountJoin);
    }

    private String textName(ColumnSpec column) {
        return dialect.identifier("t__" + column.name());
    }

    private String textExpression(ColumnSpec column, String raw) {
        return switch (column.type()) {
            // Identifiers and free text keep their exact characters; only an all-blank field is empty.
            case ID, TEXT -> "CASE WHEN trim(" + raw + ") = '' THEN NULL ELSE " + raw + " END";
            case CATEGORY, ENUM, TIMESTAMP, DATE, MONTH, BOOLEAN, INTEGER, DECIMAL -> "NULLIF(trim(" + raw + "), '')";
        };
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
        return switch (type) {
            case ID, TEXT, CATEGORY -> text;
            case ENUM -> "CASE WHEN lower(" + text + ") IN (" + allowed.stream().map(dialect::stringLiteral)
                    .collect(Collectors.joining(", ")) + ") THEN lower(" + text + ") END";
            // The engine's cast accepts more than ISO-8601; a cheap shape check keeps it to YYYY-MM-DD[T ]...
            case TIMESTAMP -> "CASE WHEN " + text + " LIKE '____-__-__%' THEN " + dialect.tryTimestamp(text) + " END";
            case DATE -> "CASE WHEN " + dialect.regexMatches(text, "\\d{4}-\\d{2}-\\d{2}") + " THEN " + dialect.tryDate(text) + " END";
            case MONTH -> "CASE WHEN " + dialect.regexMatches(text, "\\d{4}-\\d{2}") + " THEN "
                    + dialect.tryDate(text + " || '-01'") + " END";
            case BOOLEAN -> "CASE WHEN lower(" + text + ") IN ('true', 'yes', '1') THEN TRUE"
                    + " WHEN lower(" + text + ") IN ('false', 'no', '0') THEN FALSE END";
            case INTEGER -> "CASE WHEN " + dialect.regexMatches(text, "[+-]?\\d{1,18}") + " THEN " + dialect.tryInteger(text) + " END";
            case DECIMAL -> "CASE WHEN " + dialect.regexMatches(text, "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") + " THEN "
                    + dialect.tryDecimal(text) + " END";
        };
    }

    private List<String> reasonExpressions(ColumnSpec column, boolean inHeader) {
        String name = column.name();
        String value = dialect.identifier(name);
        String text = textName(column);
        List<String> reasons = new ArrayList<>();
        if (column.required()) {
            String message = inHeader ? name + ": a required value is missing" : name + ": the required column is missing from the header";
            reasons.add("CASE WHEN " + text + " IS NULL THEN " + dialect.stringLiteral(message) + " END");
        }
        boolean parsed = switch (column.type()) {
            case ID, TEXT, CATEGORY -> false;
            case ENUM, TIMESTAMP, DATE, MONTH, BOOLEAN, INTEGER, DECIMAL -> true;
        };
        if (parsed) {
            reasons.add("CASE WHEN " + text + " IS NOT NULL AND " + value + " IS NULL THEN " + dialect.stringLiteral(name + ": '")
                    + " || " + text + " || " + dialect.stringLiteral("' is not " + describe(column)) + " END");
        }
        if (column.minimum() != null) {
            reasons.add("CASE WHEN " + value + " < " + number(column.minimum()) + " THEN " + dialect.stringLiteral(name + ": ")
                    + " || " + text + " || " + dialect.stringLiteral(" is below the minimum " + number(column.minimum())) + " END");
        }
        if (column.maximum() != null) {
            reasons.add("CASE WHEN " + value + " > " + number(column.maximum()) + " THEN " + dialect.stringLiteral(name + ": ")
                    + " || " + text + " || " + dialect.stringLiteral(" is above the maximum " + number(column.maximum())) + " END");
        }
        return reasons;
    }

    private static String describe(ColumnSpec column) {
        return switch (column.type()) {
            case ID, TEXT, CATEGORY -> "text";
            case ENUM -> "one of " + String.join(", ", column.allowed());
            case TIMESTAMP -> "an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)";
            case DATE -> "a date (YYYY-MM-DD)";
            case MONTH -> "a month (YYYY-MM)";
            case BOOLEAN -> "a boolean (true/false, yes/no, 1/0)";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
