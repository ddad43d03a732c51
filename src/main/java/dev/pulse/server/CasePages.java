package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.access.Role;
import dev.pulse.access.User;
import dev.pulse.engine.Sql;
import dev.pulse.program.CaseJson;
import dev.pulse.program.Cases;
import dev.pulse.program.Instants;
import dev.pulse.program.ProgramException;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The closed loop in the dashboard and the API: the cases list (open and overdue first, filters by
 * status, owner, tier, segment and root cause), a case's page (the answer, the account's recent
 * tickets, the history, the form that moves it), and {@code /api/cases}. A partner sees and works the
 * cases of its own customers only (the scope is applied in the query); a viewer, who sees no
 * row-level data, none.
 */
final class CasePages {
    private final DataAccess data;
    private final Cases cases;
    private final Dashboard dashboard;
    private final TemplateEngine templates;
    private final Clock clock;
    private final ZoneId zone;
    private final Runnable changed;

    CasePages(DataAccess data, Cases cases, Dashboard dashboard, TemplateEngine templates, Clock clock, Runnable changed) {
        this.data = requireNonNull(data, "data is null");
        this.cases = requireNonNull(cases, "cases is null");
        this.dashboard = requireNonNull(dashboard, "dashboard is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.zone = data.config().zone();
        this.changed = requireNonNull(changed, "changed is null");
    }

    /** The partner whose customers' cases the user sees; null for the team; refused for a viewer. */
    private static String partnerOf(User user) {
        if (user.role() == Role.VIEWER) {
            throw new ApiError(403, "a viewer sees no cases (they hold customers' answers and contacts)", null, List.of());
        }
        return user.role() == Role.PARTNER ? user.partnerId() : null;
    }

    private List<Cases.Case> list(Context ctx, User user) throws Exception {
        String partner = partnerOf(user);
        synchronized (data.lock()) {
            try {
                return cases.list(blank(ctx.queryParam("status")), blank(ctx.queryParam("owner")), blank(ctx.queryParam("tier")),
                        blank(ctx.queryParam("segment")), blank(ctx.queryParam("root_cause")), partner);
            } catch (ProgramException e) {
                throw new ApiError(400, e.getMessage().replace("--status", "status"), "status", statuses());
            }
        }
    }

    private static List<String> statuses() {
        List<String> valid = new ArrayList<>(Cases.STATUSES);
        valid.add("overdue");
        return valid;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() || value.equals("all") ? null : value.strip();
    }

    // ---- API

    void apiList(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        ArrayNode array = ApiHandlers.MAPPER.createArrayNode();
        for (Cases.Case c : list(ctx, user)) {
            array.add(node(c));
        }
        PulseServer.json(ctx, 200, array.toPrettyString() + "\n");
    }

    void apiOne(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        Cases.Case c = find(ctx.pathParam("id"), partnerOf(user));
        ObjectNode node = node(c);
        ArrayNode history = node.putArray("history");
        synchronized (data.lock()) {
            for (Map<String, Object> event : cases.history(c.caseId())) {
                ObjectNode e = history.addObject();
                e.put("at", iso(Instants.of(event.get("happened_at"))));
                for (String field : List.of("actor", "from_status", "to_status", "root_cause", "note")) {
                    e.put(field, (String) event.get(field));
                }
            }
        }
        PulseServer.json(ctx, 200, node.toPrettyString() + "\n");
    }

    void apiUpdate(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        String partner = partnerOf(user);
        JsonNode body;
        try {
            body = ApiHandlers.MAPPER.readTree(ctx.body());
        } catch (Exception e) {
            throw ApiError.badRequest("the body must be JSON: {\"status\", \"root_cause\", \"note\"}", null);
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object: {\"status\", \"root_cause\", \"note\"}", null);
        }
        Cases.Case updated = update(ctx.pathParam("id"), text(body, "status"), text(body, "root_cause"), text(body, "note"), user, partner);
        PulseServer.json(ctx, 200, node(updated).toPrettyString() + "\n");
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private Cases.Case update(String id, String status, String rootCause, String note, User user, String partner) throws Exception {
        find(id, partner); // 404 for a case the user cannot see
        Cases.Case updated;
        synchronized (data.lock()) {
            try {
                updated = cases.update(id, status, rootCause, note, user.email(), partner);
            } catch (ProgramException e) {
                String message = e.getMessage().replace("--root-cause", "root_cause").replace("--status", "status").replace("--note", "note");
                throw new ApiError(409, message, message.startsWith("root_cause") ? "root_cause" : "status", List.of());
            }
        }
        changed.run();
        return updated;
    }

    private Cases.Case find(String id, String partner) throws Exception {
        synchronized (data.lock()) {
            return cases.find(id, partner).orElseThrow(() -> new ApiError(404, "no such case: " + PulseServer.shorten(id), null, List.of()));
        }
    }

    static ObjectNode node(Cases.Case c) {
        return CaseJson.node(ApiHandlers.MAPPER, c);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    // ---- pages



    void listPage(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        List<Cases.Case> shown = list(ctx, user);
        List<Cases.Case> all;
        synchronized (data.lock()) {
            all = cases.list(null, null, null, null, null, partnerOf(user));
        }
        Instant now = clock.instant();
        List<Views.CaseRow> rows = shown.stream().map(c -> row(c, now)).toList();
        List<Views.Select> selects = List.of(
                select("status", "status", statuses(), ctx),
                select("owner", "owner", all.stream().map(Cases.Case::owner).toList(), ctx),
                select("tier", "tier", all.stream().map(Cases.Case::tier).toList(), ctx),
                select("segment", "segment", all.stream().map(Cases.Case::segment).toList(), ctx),
                select("root_cause", "root cause", all.stream().map(Cases.Case::rootCause).toList(), ctx));
        long open = all.stream().filter(c -> c.status().equals("open") || c.status().equals("contacted")).count();
        long overdue = all.stream().filter(c -> c.overdue(now)).count();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", dashboard.plainPage(ctx, user, "Cases", "cases"));
        model.put("rows", rows);
        model.put("selects", selects);
        model.put("summary", all.size() + (all.size() == 1 ? " case, " : " cases, ") + open + " open, " + overdue + " overdue");
        render(ctx, 200, "cases.jte", model);
    }

    private static Views.Select select(String name, String label, List<String> values, Context ctx) {
        String chosen = blank(ctx.queryParam(name));
        List<Views.Option> options = new ArrayList<>(List.of(new Views.Option("", "all", chosen == null)));
        for (String value : new TreeSet<>(values.stream().filter(java.util.Objects::nonNull).toList())) {
            options.add(new Views.Option(value, value.replace('_', ' '), value.equals(chosen)));
        }
        return new Views.Select(name, label, options);
    }

    private Views.CaseRow row(Cases.Case c, Instant now) {
        return new Views.CaseRow(c.caseId(), "/cases/" + Dashboard.url(c.caseId()), c.status().replace('_', ' '), c.overdue(now),
                String.valueOf(c.score()), c.accountName() == null ? c.accountId() : c.accountName(), dash(c.tier()), dash(c.segment()),
                dash(c.owner()), when(c.openedAt()), when(c.dueAt()), c.rootCause() == null ? "" : c.rootCause().replace('_', ' '));
    }

    private static String dash(String value) {
        return value == null ? "–" : value;
    }

    private String when(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(instant.atZone(zone));
    }

    void casePage(Context ctx) throws Exception {
        casePage(ctx, 200, null);
    }

    private void casePage(Context ctx, int status, String error) throws Exception {
        User user = PulseServer.user(ctx);
        String partner = partnerOf(user);
        Cases.Case c = find(ctx.pathParam("id"), partner);
        List<List<String>> tickets = new ArrayList<>();
        List<List<String>> history = new ArrayList<>();
        List<List<String>> alerts = new ArrayList<>();
        synchronized (data.lock()) {
            for (Map<String, Object> t : data.database().query(Sql.of("SELECT ticket_id, created_at, priority, channel, category, resolved_at"
                    + " FROM tickets WHERE account_id = ? ORDER BY created_at DESC, ticket_id LIMIT 10", c.accountId()))) {
                tickets.add(List.of((String) t.get("ticket_id"), when(Instants.of(t.get("created_at"))), dash((String) t.get("priority")),
                        dash((String) t.get("channel")), dash((String) t.get("category")),
                        t.get("resolved_at") == null ? "open" : when(Instants.of(t.get("resolved_at")))));
            }
            for (Map<String, Object> e : cases.history(c.caseId())) {
                history.add(List.of(when(Instants.of(e.get("happened_at"))), dash((String) e.get("actor")),
                        (e.get("from_status") == null ? "" : e.get("from_status") + " → ") + e.get("to_status"),
                        e.get("root_cause") == null ? "" : (String) e.get("root_cause"), e.get("note") == null ? "" : (String) e.get("note")));
            }
            for (Map<String, Object> a : data.database().query(Sql.of("SELECT channel, target, delivered_at, attempts, next_attempt_at, last_error"
                    + " FROM " + dev.pulse.ingest.Schema.ALERTS + " WHERE case_id = ? ORDER BY created_at, alert_id", c.caseId()))) {
                alerts.add(alertRow(a, partner != null));
            }
        }
        List<Views.Option> next = switch (c.status()) {
            case "open" -> List.of(new Views.Option("", "no change", true), new Views.Option("contacted", "contacted", false),
                    new Views.Option("closed_unreachable", "closed: unreachable", false));
            case "contacted" -> List.of(new Views.Option("", "no change", true), new Views.Option("resolved", "resolved", false),
                    new Views.Option("closed_unreachable", "closed: unreachable", false));
            default -> List.of();
        };
        List<Views.Option> causes = new ArrayList<>(List.of(new Views.Option("", "not set", c.rootCause() == null)));
        for (String cause : data.config().program().rootCauses()) {
            causes.add(new Views.Option(cause, cause.replace('_', ' '), cause.equals(c.rootCause())));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", dashboard.plainPage(ctx, user, "Case " + c.caseId(), "cases"));
        model.put("view", new Views.CaseView(row(c, clock.instant()), c.comment() == null ? "(no comment)" : c.comment(), dash(c.program()),
                dash(c.contactId()), when(c.firstContactedAt()), when(c.closedAt()), tickets, history, alerts, next, causes,
                user.role() != Role.VIEWER, error));
        render(ctx, status, "case.jte", model);
    }

    /**
     * An alert of the case as the case page shows it: channel, where it went (not to a partner user: the
     * webhook's address is the operator's), where it stands, its attempts and the last failure.
     */
    private List<String> alertRow(Map<String, Object> alert, boolean forPartner) {
        long attempts = alert.get("attempts") == null ? 0 : ((Number) alert.get("attempts")).longValue();
        String state;
        if (alert.get("delivered_at") != null) {
            state = "delivered " + when(Instants.of(alert.get("delivered_at")));
        } else if (alert.get("next_attempt_at") == null && attempts > 0) {
            state = "given up";
        } else if (alert.get("next_attempt_at") != null) {
            state = "waiting: next attempt " + when(Instants.of(alert.get("next_attempt_at")));
        } else {
            state = "waiting";
        }
        String channel = "email".equals(alert.get("channel")) ? "e-mail" : dash((String) alert.get("channel"));
        return List.of(channel, forPartner ? "–" : dash((String) alert.get("target")), state, Long.toString(attempts),
                alert.get("last_error") == null ? "" : (String) alert.get("last_error"));
    }

    void updateFromPage(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        String partner = partnerOf(user);
        String id = ctx.pathParam("id");
        try {
            update(id, blank(ctx.formParam("status")), blank(ctx.formParam("root_cause")), blank(ctx.formParam("note")), user, partner);
        } catch (ApiError e) {
            if (e.status() == 404) {
                throw e;
            }
            casePage(ctx, e.status(), e.getMessage());
            return;
        }
        ctx.redirect("/cases/" + Dashboard.url(id), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String template, Map<String, Object> model) {
        StringOutput output = new StringOutput();
        templates.render(template, model, output);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }
}
