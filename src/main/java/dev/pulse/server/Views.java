package dev.pulse.server;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What the dashboard's templates show: plain values, formatted for reading; no engine object reaches a template. */
public final class Views {
    private Views() {
    }

    /** The frame of every page: who is logged in, the session's CSRF token for forms, which tab is open. */
    public record Page(String title, String email, String role, String csrf, String active, boolean admin, boolean rows,
                       Filters filters, List<Hidden> keep) {
        public Page {
            keep = List.copyOf(keep);
            requireNonNull(title, "title is null");
            requireNonNull(email, "email is null");
            requireNonNull(csrf, "csrf is null");
            requireNonNull(active, "active is null");
            requireNonNull(filters, "filters is null");
        }
    }

    /** A parameter the filter bar's form keeps as it is (the metric shown, its grouping). */
    public record Hidden(String name, String value) {
    }

    /** One choice of a select: its value, its label, whether it is chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    /** A select of the filter bar: its parameter name, its label, its options (the first: all). */
    public record Select(String name, String label, List<Option> options) {
        public Select {
            options = List.copyOf(options);
        }
    }

    /** The filter bar: the period and dimension selects, and the query string that keeps the chosen ones in a link. */
    public record Filters(List<Select> selects, String query, List<String> chosen) {
        public Filters {
            selects = List.copyOf(selects);
            chosen = List.copyOf(chosen);
        }

        public static Filters none() {
            return new Filters(List.of(), "", List.of());
        }
    }

    /**
     * A headline KPI of the overview. Verdicts are words ("up", "down", "stable", "n/a"); an arrow
     * only for a significant change.
     */
    public record Card(String metric, String title, String value, String interval, String n, boolean lowSample, boolean suppressed,
                       String target, String status, String qoq, String qoqClass, String yoy, String yoyClass, String spark,
                       String breakdownLink) {
    }

    /** A row of a breakdown: the group's label, its value, interval, n and where its rows open (null: they do not). */
    public record GroupRow(String label, String value, String interval, String n, boolean lowSample, boolean suppressed,
                           String rowsLink) {
    }

    /** A table of rows (drill-through). */
    public record RowTable(List<String> columns, List<List<String>> rows, String total, String from, String to, String nextLink,
                           String previousLink, String csvLink) {
        public RowTable {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** What survey.jte shows. */
    public record SurveyView(String language, String title, String message, String detail, boolean form, String token, String question,
                             String legend, String low, String high, String commentLabel, String submit, Integer score, String comment,
                             String error, String optOutLink, String optOutText, boolean optOutForm) {
    }

    /** A row of the cases table, formatted. */
    public record CaseRow(String id, String link, String status, boolean overdue, String score, String account, String tier, String segment,
                          String owner, String opened, String due, String rootCause) {
    }

    /** A case's page. */
    public record CaseView(CaseRow row, String comment, String program, String contact, String firstContacted, String closed,
                           List<List<String>> tickets, List<List<String>> history, List<List<String>> alerts, List<Option> nextStatuses,
                           List<Option> rootCauses, boolean canUpdate, String error) {
    }
}
