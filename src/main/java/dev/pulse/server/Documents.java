package dev.pulse.server;

import dev.pulse.access.User;
import dev.pulse.access.UserStore;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.Source;
import dev.pulse.report.HtmlRenderer;
import dev.pulse.report.MarkdownRenderer;
import dev.pulse.report.PdfRenderer;
import dev.pulse.report.QuarterlyReport;
import dev.pulse.report.Report;
import dev.pulse.report.XlsxRenderer;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.VocJson;
import dev.pulse.voc.VocSummary;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The voice of the customer ({@code GET /api/voc}, the {@code pulse voc --format json} document) and
 * the quarterly report ({@code GET /api/reports/{quarter}.{md,html,pdf,xlsx}}), each built by the
 * user's scoped engine, so a partner's report and themes are of its own customers only. Each download
 * of a report is audited.
 */
final class Documents {
    private static final Pattern REPORT = Pattern.compile("(\\d{4}-Q[1-4])\\.(md|html|pdf|xlsx)");
    static final List<String> FORMATS = List.of("md", "html", "pdf", "xlsx");

    private final DataAccess data;
    private final UserStore users;
    private final CommentAnalyzer analyzer;
    private final Clock clock;

    Documents(DataAccess data, UserStore users, CommentAnalyzer analyzer, Clock clock) {
        this.data = requireNonNull(data, "data is null");
        this.users = requireNonNull(users, "users is null");
        this.analyzer = requireNonNull(analyzer, "analyzer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    CommentAnalyzer analyzer() {
        return analyzer;
    }

    void voc(Context ctx) throws Exception {
        PulseServer.json(ctx, 200, vocJson(PulseServer.user(ctx), ApiHandlers.single(ctx, "quarter"), ApiHandlers.single(ctx, "period"),
                ApiHandlers.list(ctx, "by"), ApiHandlers.single(ctx, "verbatims")));
    }

    /** The summary as the CLI builds it: a quarter or any period (default: the latest quarter with data), themes by dimensions. */
    String vocJson(User user, String quarter, String period, List<String> by, String verbatimsText) throws Exception {
        if (quarter != null && period != null) {
            throw ApiError.badRequest("give either quarter or period, not both", "quarter");
        }
        if (quarter != null && !quarter.matches("\\d{4}-Q[1-4]")) {
            throw ApiError.badRequest("quarter '" + PulseServer.shorten(quarter) + "' is not a quarter such as 2024-Q4", "quarter");
        }
        int verbatims = 3;
        if (verbatimsText != null) {
            try {
                verbatims = Integer.parseInt(verbatimsText.trim());
            } catch (NumberFormatException e) {
                verbatims = -1;
            }
            if (verbatims < 0 || verbatims > 20) {
                throw ApiError.badRequest("verbatims must be a whole number from 0 to 20", "verbatims");
            }
        }
        List<String> dimensions = by.isEmpty() ? List.of("type") : by.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        for (String dimension : dimensions) {
            if (!Source.COMMENT_THEMES.dimensions().contains(dimension) || dimension.equals("theme")) {
                throw new ApiError(400, "cannot group comments by '" + PulseServer.shorten(dimension) + "'", "by",
                        Source.COMMENT_THEMES.dimensions().stream().filter(d -> !d.equals("theme")).toList());
            }
        }
        String chosen = quarter != null ? quarter : period;
        if (chosen != null) {
            PeriodRange.parse(chosen);
        }
        return VocJson.of(summary(user, chosen, dimensions, verbatims));
    }

    /** The summary of a period (null: the latest quarter with data) in the user's scope, cached. */
    VocSummary summary(User user, String period, List<String> dimensions, int verbatims) throws Exception {
        return data.cached(user, "voc\u0000" + period + "\u0000" + dimensions + "\u0000" + verbatims, engine -> {
            String label = period != null ? period : QuarterlyReport.latestQuarter(engine, null);
            QuarterlyReport.requireData(engine, label);
            return VocSummary.build(engine, analyzer, label, dimensions, verbatims);
        });
    }

    void report(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        Matcher m = REPORT.matcher(ctx.pathParam("file"));
        if (!m.matches()) {
            throw new ApiError(404, "a report is named QUARTER.FORMAT, e.g. 2024-Q4.pdf", "file", FORMATS);
        }
        String quarter = m.group(1);
        String format = m.group(2);
        byte[] body = data.cached(user, "report\u0000" + quarter + "\u0000" + format + "\u0000" + user.role(), engine -> {
            QuarterlyReport.requireData(engine, quarter);
            Report built = new QuarterlyReport(engine.database(), engine, analyzer).build(quarter,
                    LocalDate.now(clock.withZone(data.config().zone())));
            // the configuration's warnings are for those who can change it or read all data, not for a partner or viewer
            boolean team = user.role() == dev.pulse.access.Role.ADMIN || user.role() == dev.pulse.access.Role.ANALYST;
            Report report = team ? built : new Report(built.title(), built.subtitle(), built.sections(), List.of(), built.footer());
            try {
                return render(report, format);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        synchronized (data.lock()) {
            users.audit(user.email(), "report downloaded", quarter + "." + format);
        }
        ctx.status(200).contentType(switch (format) {
            case "md" -> "text/markdown; charset=utf-8";
            case "html" -> "text/html; charset=utf-8";
            case "pdf" -> "application/pdf";
            default -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        });
        ctx.header("Content-Disposition", "attachment; filename=\"pulse-report-" + quarter + "." + format + "\"");
        ctx.result(body);
    }

    private static byte[] render(Report report, String format) throws java.io.IOException {
        return switch (format) {
            case "md" -> MarkdownRenderer.render(report).getBytes(StandardCharsets.UTF_8);
            case "html" -> HtmlRenderer.render(report).getBytes(StandardCharsets.UTF_8);
            case "pdf" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                PdfRenderer.render(HtmlRenderer.render(report), out);
                yield out.toByteArray();
            }
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                XlsxRenderer.render(report, out);
                yield out.toByteArray();
            }
        };
    }

    /** The quarters a user's data has, latest first (tickets or answers). */
    List<String> quarters(User user) throws Exception {
        return data.cached(user, "quarters", engine -> {
            TreeSet<String> quarters = new TreeSet<>(java.util.Comparator.reverseOrder());
            for (MetricValue value : engine.compute(new MetricQuery(List.of("tickets", "nps"), List.of("quarter"), null))) {
                if (value.group().get("quarter") != null && (value.suppressed() || value.n() > 0)) {
                    quarters.add(value.group().get("quarter"));
                }
            }
            return new ArrayList<>(quarters);
        });
    }
}
