package dev.pulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.config.ProgramSettings;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.program.Delivery;
import dev.pulse.program.Invitations;
import dev.pulse.program.OutboxDelivery;
import dev.pulse.program.PlanEntry;
import dev.pulse.program.Planner;
import dev.pulse.program.SmtpDelivery;
import dev.pulse.program.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code pulse survey plan|send}: who a programme invites, and sending the invitations. */
@Command(name = "survey", mixinStandardHelpOptions = true, description = "Plan and send survey invitations (docs/spec/program.md).",
        subcommands = {SurveyCommand.Plan.class, SurveyCommand.Send.class})
public final class SurveyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** An instant as the user writes it: ISO-8601 with an offset (2024-12-01T00:00:00Z). */
    static Instant instant(String option, String text) throws UserErrors.UserException {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException again) {
                throw new UserErrors.UserException(option + ": '" + text + "' is not an ISO-8601 instant with an offset, such as"
                        + " 2024-12-01T00:00:00Z");
            }
        }
    }

    /** What plan and send both take: the programme, the wave, the moment, the output format. */
    static final class ProgramOptions {
        @Option(names = "--program", required = true, description = "transactional, relationship, or a programme of program.programs.")
        String program;
        @Option(names = "--wave", description = "A relationship wave's name (e.g. 2025-H1).") String wave;
        @Option(names = "--as-of", paramLabel = "INSTANT", description = "The moment planned for (ISO-8601, e.g. 2024-12-01T00:00:00Z; default: now).")
        String asOf;
        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") String format;

        /** --as-of, or now; and a user error for a --format other than table or json. */
        Instant asOf(Clock clock) throws UserErrors.UserException {
            if (!format.equals("table") && !format.equals("json")) {
                throw new UserErrors.UserException("--format: '" + format + "' must be table or json");
            }
            return asOf == null ? clock.instant() : instant("--as-of", asOf);
        }

        boolean json() {
            return format.equals("json");
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Who the programme would invite at --as-of, and why not the others.")
    static final class Plan implements Callable<Integer> {
        @Mixin ProgramOptions programme = new ProgramOptions();
        @Mixin Options options = new Options();
        private final Clock clock;

        Plan(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            Instant at = programme.asOf(clock);
            PulseConfig config = options.loadConfig(Catalogue.standard());
            try (Database database = options.openImportedOnAnyEngine(config)) {
                List<PlanEntry> plan = new Planner(database, config.program(), config.zone()).plan(programme.program, programme.wave, at);
                System.out.print(programme.json() ? json(plan) : table(plan));
            }
            return 0;
        }

        static String json(List<PlanEntry> plan) throws Exception {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = mapper.createArrayNode();
            for (PlanEntry entry : plan) {
                ObjectNode node = array.addObject();
                node.put("contact_id", entry.contactId());
                node.put("ticket_id", entry.ticketId());
                node.put("program", entry.program());
                node.put("invite", entry.invite());
                node.put("reason", entry.reason());
            }
            return mapper.writeValueAsString(array) + "\n";
        }

        static String table(List<PlanEntry> plan) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("contact", "ticket", "program", "invite", "reason"));
            Map<String, Integer> reasons = new TreeMap<>();
            int invited = 0;
            for (PlanEntry entry : plan) {
                rows.add(List.of(String.valueOf(entry.contactId() == null ? "-" : entry.contactId()),
                        entry.ticketId() == null ? "-" : entry.ticketId(), entry.program(), entry.invite() ? "yes" : "no",
                        entry.reason() == null ? "" : entry.reason()));
                if (entry.invite()) {
                    invited++;
                } else {
                    reasons.merge(entry.reason(), 1, Integer::sum);
                }
            }
            StringBuilder out = new StringBuilder(TextTable.render(rows, column -> false, true));
            out.append('\n').append(plan.size()).append(plan.size() == 1 ? " candidate, " : " candidates, ").append(invited)
                    .append(" invited");
            reasons.forEach((reason, count) -> out.append(", ").append(count).append(' ').append(reason));
            return out.append('\n').toString();
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = "Record and deliver the programme's invitations (SMTP when"
            + " program.smtp is configured, otherwise .eml files in an outbox). Resumable: run it again after an interruption.")
    static final class Send implements Callable<Integer> {
        @Mixin ProgramOptions programme = new ProgramOptions();
        @Option(names = "--outbox", paramLabel = "DIR", description = "Write one .eml file per invitation here instead of sending them"
                + " (default when no program.smtp: 'outbox' beside the database).") Path outbox;
        @Option(names = "--base-url", paramLabel = "URL", description = "The server's address in the answer links (default: program.base_url,"
                + " else http://127.0.0.1:8080, pulse serve's default).") String baseUrl;
        @Mixin Options options = new Options();
        private final Clock clock;

        Send(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            Instant at = programme.asOf(clock);
            PulseConfig config = options.loadConfig(Catalogue.standard());
            ProgramSettings settings = config.program();
            String base = baseUrl(baseUrl, settings);
            Delivery delivery;
            if (outbox != null || settings.smtp() == null) {
                delivery = new OutboxDelivery(outbox != null ? outbox : Options.isPostgres(options.database) ? Path.of("outbox").toAbsolutePath()
                        : options.database.toAbsolutePath().resolveSibling("outbox"));
            } else {
                delivery = new SmtpDelivery(settings.smtp(), System.getenv());
            }
            String from = settings.smtp() != null ? settings.smtp().from() : "surveys@localhost";
            try (Database database = options.openImportedOnAnyEngine(config)) {
                Invitations invitations = new Invitations(database, settings, Tokens.forKeyFile(Options.programKeyOf(options.database)), clock, config.zone(),
                        config.report().company());
                Invitations.SendReport report = invitations.send(programme.program, programme.wave, at, delivery, base, from);
                if (programme.json()) {
                    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                    ObjectNode node = mapper.createObjectNode();
                    node.put("candidates", report.planned());
                    node.put("recorded", report.recorded());
                    node.put("resumed", report.resumed());
                    node.put("sent", report.sent());
                    node.put("bounced", report.bounced());
                    node.put("not_sent", report.notSent());
                    node.put("delivery", delivery.kind());
                    ObjectNode skipped = node.putObject("skipped");
                    report.skipped().forEach(skipped::put);
                    ArrayNode problems = node.putArray("problems");
                    report.problems().forEach(problems::add);
                    System.out.println(mapper.writeValueAsString(node));
                } else {
                    System.out.println(report.planned() + " candidates, " + report.recorded() + " invited"
                            + (report.skipped().isEmpty() ? "" : " (not invited: " + describe(report.skipped()) + ")"));
                    if (report.resumed() > 0) {
                        System.out.println(report.resumed() + " invitations left by an interrupted send were finished first");
                    }
                    System.out.println(report.sent() + " sent" + (delivery instanceof OutboxDelivery ? " to the outbox " + (outbox != null ? outbox
                            : options.database.toAbsolutePath().resolveSibling("outbox")) : " through " + settings.smtp().host())
                            + (report.bounced() > 0 ? ", " + report.bounced() + " bounced (not invited again)" : ""));
                    if (report.notSent() > 0) {
                        System.out.println(report.notSent() + " not sent yet (the mail server did not take them): run the same command again");
                    }
                    report.problems().forEach(problem -> System.err.println("pulse: " + problem));
                }
                return report.notSent() > 0 ? 1 : 0;
            }
        }

        private static String describe(Map<String, Integer> skipped) {
            List<String> parts = new ArrayList<>();
            skipped.forEach((reason, count) -> parts.add(count + " " + reason));
            return String.join(", ", parts);
        }
    }

    static String baseUrl(String option, ProgramSettings settings) throws UserErrors.UserException {
        String base = option != null ? option : settings.baseUrl() != null ? settings.baseUrl() : "http://127.0.0.1:8080";
        base = ProgramSettings.withoutTrailingSlashes(base);
        if (!base.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new UserErrors.UserException("--base-url: '" + option + "' must be an http(s) address such as https://cx.example.com");
        }
        return base;
    }
}
