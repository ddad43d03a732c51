package dev.pulse.report;

import dev.pulse.config.SlaTarget;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.GroupTable.Col;
import dev.pulse.report.GroupTable.Show;
import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;
import dev.pulse.report.Report.Section;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Partner experience, end-customer experience and support operations. */
final class ExperienceSections {
    private static final String NPS_FOOTNOTE = "NPS with its 95 % interval (adjusted Wald, clipped to -100..100): ± where symmetric,"
            + " else its two bounds. ↑ ↓ significant at 95 %; (stable) = within noise. " + Figures.LOW_SAMPLE + " fewer than 30 answers.";

    private final ReportContext context;
    private final PlatformSections platform;
    private final DriverSection drivers;

    ExperienceSections(ReportContext context, PlatformSections platform, DriverSection drivers) {
        this.context = context;
        this.platform = platform;
        this.drivers = drivers;
    }

    Section partners() throws MetricException, SQLException {
        List<Block> blocks = new ArrayList<>();
        Grid tiers = context.grid(List.of("partner_nps"), "tier");
        blocks.add(new Report.Heading("Partner NPS by tier"));
        blocks.add(drivers.withKeyDriver(GroupTable.build(context, "Partner NPS by tier", "tier", "Tier", tiers, "partner_nps",
                npsColumns("partner_nps"), NPS_FOOTNOTE), "partner_nps", "tier"));
        blocks.add(bars("Partner NPS by tier, " + context.quarter, tiers, "tier", "partner_nps"));

        blocks.add(new Report.Heading("Partner portal"));
        blocks.add(platform.portalTable());

        blocks.add(new Report.Heading("Partner support performance"));
        Grid support = context.grid(List.of("frt_median", "csat", "escalation_rate", "fcr"), "type");
        Grid resolution = context.grid(List.of("resolution_median"), "type", "priority");
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(partnerRow("First response time (median)", "frt_median", support));
        for (String priority : List.of("P1", "P2")) {
            // A resolution target set for the priority, else the priority's SLA resolution time.
            Double target = context.config.target("resolution_median").flatMap(t -> t.specificTo(Map.of("priority", priority)))
                    .orElseGet(() -> context.config.sla(priority).map(SlaTarget::resolutionHours).orElse(null));
            rows.add(supportRow("Resolution time " + priority + " (median)", "resolution_median",
                    resolution.get("resolution_median", context.quarter, "partner", priority),
                    resolution.get("resolution_median", context.previous, "partner", priority), target));
        }
        rows.add(partnerRow("Partner CSAT", "csat", support));
        rows.add(partnerRow("First contact resolution", "fcr", support));
        rows.add(partnerRow("Escalation rate", "escalation_rate", support));
        blocks.add(new Report.Table("Partner support", List.of(Column.left("Metric"), Column.right(context.quarter), Column.right("n"),
                Column.right("Target"), Column.left("Status"), Column.right("QoQ")), rows,
                "Tickets and answers of partner accounts. Resolution targets per priority are the SLA's unless a target is set for the priority."));
        return new Section("Partner experience", blocks);
    }

    /** A partner-support row from a grid by type: the partners' value, its QoQ change, and the target for partners. */
    private List<Cell> partnerRow(String label, String name, Grid byType) {
        return supportRow(label, name, byType.get(name, context.quarter, "partner"), byType.get(name, context.previous, "partner"),
                context.target(name, Map.of("type", "partner")));
    }

    private List<Cell> supportRow(String label, String name, MetricValue value, MetricValue before, Double target) {
        MetricDefinition metric = context.metric(name);
        Boolean higher = context.higherIsBetter(name);
        return List.of(Cell.text(label), Figures.valueWithMargin(value, metric.unit()),
                value == null ? Cell.empty() : Figures.count(value.n()),
                target == null ? Cell.empty() : new Cell(Figures.format(target, metric.unit()), target, Report.Tone.NONE),
                Figures.status(value, target, higher), Figures.change(metric, value, before, higher));
    }

    Section customers() throws MetricException, SQLException {
        List<Block> blocks = new ArrayList<>();
        Grid segments = context.grid(List.of("customer_nps"), "segment");
        blocks.add(new Report.Heading("Customer NPS by segment"));
        blocks.add(drivers.withKeyDriver(GroupTable.build(context, "NPS by segment", "segment", "Segment", segments, "customer_nps",
                npsColumns("customer_nps"), NPS_FOOTNOTE), "customer_nps", "segment"));
        blocks.add(bars("Customer NPS by segment, " + context.quarter, segments, "segment", "customer_nps"));

        Grid products = context.grid(List.of("customer_nps"), "product");
        blocks.add(new Report.Heading("Customer NPS by product"));
        blocks.add(GroupTable.build(context, "NPS by product", "product", "Product", products, "customer_nps",
                npsColumns("customer_nps"), NPS_FOOTNOTE));

        Grid journeys = context.grid(List.of("tickets", "csat", "ces", "fcr", "escalation_rate", "reopen_rate"), "journey");
        blocks.add(new Report.Heading("Customer journeys"));
        blocks.add(GroupTable.build(context, "Journeys", "journey", "Journey", journeys, "tickets", List.of(
                new Col("Tickets", "tickets", Show.VALUE), new Col("Share", "tickets", Show.SHARE), new Col("CSAT", "csat", Show.MARGIN),
                new Col("CES", "ces", Show.MARGIN), new Col("FCR", "fcr", Show.VALUE), new Col("Escalated", "escalation_rate", Show.VALUE),
                new Col("Reopened", "reopen_rate", Show.VALUE)),
                "CSAT and CES are transactional: answers about a ticket of the journey. The metric spec defines no \"issue rate\";"
                        + " escalation and reopen rates show where a journey goes wrong."));
        return new Section("End-customer experience", blocks);
    }

    Section operations() throws MetricException, SQLException {
        List<Block> blocks = new ArrayList<>();
        Grid channels = context.grid(List.of("tickets", "csat", "fcr", "frt_median"), "channel");
        blocks.add(new Report.Heading("Support channels"));
        blocks.add(GroupTable.build(context, "Channels", "channel", "Channel", channels, "tickets", List.of(
                new Col("Tickets", "tickets", Show.VALUE), new Col("Share", "tickets", Show.SHARE), new Col("CSAT", "csat", Show.MARGIN),
                new Col("CSAT QoQ", "csat", Show.QOQ), new Col("FCR", "fcr", Show.VALUE), new Col("FCR QoQ", "fcr", Show.QOQ),
                new Col("First response", "frt_median", Show.VALUE)),
                "CSAT by channel is transactional (answers about a ticket of that channel); \"no data\" where a channel is not surveyed."
                        + " First response is the median."));

        Grid categories = context.grid(List.of("tickets", "csat", "fcr", "resolution_median"), "category");
        blocks.add(new Report.Heading("Ticket categories"));
        blocks.add(GroupTable.build(context, "Categories", "category", "Category", categories, "tickets", List.of(
                new Col("Tickets", "tickets", Show.VALUE), new Col("Share", "tickets", Show.SHARE), new Col("CSAT", "csat", Show.MARGIN),
                new Col("FCR", "fcr", Show.VALUE), new Col("FCR QoQ", "fcr", Show.QOQ),
                new Col("Resolution", "resolution_median", Show.VALUE)), "Resolution is the median time to resolve."));

        List<Report.Table> sla = slaTables();
        blocks.add(new Report.Heading("SLA performance by priority: first response"));
        blocks.add(sla.get(0));
        blocks.add(new Report.Heading("SLA performance by priority: resolution"));
        blocks.add(sla.get(1));

        Grid centre = context.grid(List.of("offered", "service_level", "asa", "abandon_rate", "aht"), "channel");
        Report.Table contact = GroupTable.build(context, "Contact centre", "channel", "Channel", centre, "offered", List.of(
                new Col("Offered", "offered", Show.VALUE), new Col("Service level", "service_level", Show.MARGIN),
                new Col("Status", "service_level", Show.STATUS), new Col("ASA", "asa", Show.VALUE),
                new Col("Abandoned", "abandon_rate", Show.VALUE), new Col("AHT", "aht", Show.MARGIN)),
                "Service level: answered within " + Math.round(context.config.serviceLevelSeconds()) + " s, short abandons (≤ "
                        + Math.round(context.config.shortAbandonSeconds()) + " s) left out.");
        if (!contact.rows().isEmpty()) {
            blocks.add(new Report.Heading("Contact centre"));
            blocks.add(contact);
        }
        return new Section("Support operations", blocks);
    }

    /**
     * First response and resolution against their SLA per priority, one table each: the ten columns of
     * both in one table do not fit a PDF page.
     */
    private List<Report.Table> slaTables() throws MetricException, SQLException {
        Grid sla = context.grid(List.of("tickets", "sla_response", "sla_resolution", "frt_median", "resolution_median"), "priority");
        List<List<Cell>> response = new ArrayList<>();
        List<List<Cell>> resolution = new ArrayList<>();
        for (String priority : context.config.report().ordered("priority", sla.members("priority", "tickets"))) {
            MetricValue tickets = sla.get("tickets", context.quarter, priority);
            if (tickets == null || tickets.n() == 0) {
                continue;
            }
            SlaTarget target = priority == null ? null : context.config.sla(priority).orElse(null);
            Map<String, String> group = priority == null ? Map.of() : Map.of("priority", priority);
            MetricValue responded = sla.get("sla_response", context.quarter, priority);
            MetricValue resolved = sla.get("sla_resolution", context.quarter, priority);
            Cell label = Cell.text(context.config.report().label("priority", priority));
            response.add(List.of(label, Figures.count(tickets.n()),
                    Cell.text(target == null || target.responseMinutes() == null ? "none" : Figures.format(target.responseMinutes(), "minutes")),
                    Figures.value(sla.get("frt_median", context.quarter, priority), "minutes"),
                    Figures.valueWithMargin(responded, "percent"),
                    Figures.status(responded == null ? null : responded.value(), context.target("sla_response", group), true)));
            resolution.add(List.of(label, Figures.count(tickets.n()),
                    Cell.text(target == null || target.resolutionHours() == null ? "none" : Figures.format(target.resolutionHours(), "hours")),
                    Figures.value(sla.get("resolution_median", context.quarter, priority), "hours"),
                    Figures.valueWithMargin(resolved, "percent"),
                    Figures.status(resolved == null ? null : resolved.value(), context.target("sla_resolution", group), true)));
        }
        return List.of(
                new Report.Table("SLA response", List.of(Column.left("Priority"), Column.right("Tickets"), Column.right("Response target"),
                        Column.right("Median response"), Column.right("Within target"), Column.left("Status")), response,
                        "Within target: share of tickets answered by the deadline (a ticket's own due time, else its priority's); never"
                                + " answered counts as breached. Status compares that share with the sla_response target."),
                new Report.Table("SLA resolution", List.of(Column.left("Priority"), Column.right("Tickets"), Column.right("Resolution target"),
                        Column.right("Median resolution"), Column.right("Within target"), Column.left("Status")), resolution,
                        "Within target: share of tickets resolved by the deadline; unresolved counts as breached. Status compares that share"
                                + " with the sla_resolution target."));
    }

    private static List<Col> npsColumns(String metric) {
        return List.of(new Col("NPS", metric, Show.MARGIN), new Col("n", metric, Show.N), new Col("QoQ", metric, Show.QOQ),
                new Col("YoY", metric, Show.YOY), new Col("Target", metric, Show.STATUS), new Col("Last four quarters", metric, Show.TREND));
    }

    private Report.BarChart bars(String title, Grid grid, String dimension, String metric) {
        List<Report.Bar> bars = new ArrayList<>();
        for (String member : context.config.report().ordered(dimension, grid.members(dimension, metric))) {
            MetricValue value = grid.get(metric, context.quarter, member);
            if (value != null && value.value() != null) {
                bars.add(new Report.Bar(context.config.report().label(dimension, member), value.value(), value.ciLow(), value.ciHigh(),
                        value.lowSample()));
            }
        }
        return new Report.BarChart(title, context.metric(metric).unit(), bars);
    }
}
