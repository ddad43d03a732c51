package dev.pulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pulse.program.CaseJson;
import dev.pulse.program.Cases;
import dev.pulse.program.ProgramAdministration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pulse cases [filters]} lists the closed loop's cases; {@code pulse cases update ID} works one. */
@Command(name = "cases", mixinStandardHelpOptions = true, description = "The closed loop's cases: one per detractor (open and overdue first).",
        subcommands = {CasesCommand.Update.class})
public final class CasesCommand implements Callable<Integer> {
    @Option(names = "--status", description = "open, contacted, resolved, closed_unreachable, withdrawn, or overdue.") String status;
    @Option(names = "--owner", description = "Only this owner's cases.") String owner;
    @Option(names = "--tier", description = "Only cases of accounts of this tier.") String tier;
    @Option(names = "--segment", description = "Only cases of accounts of this segment.") String segment;
    @Option(names = "--root-cause", description = "Only cases with this root cause.") String rootCause;
    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") String format;
    @Mixin Options options = new Options();
    private final Clock clock;

    CasesCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UserErrors.UserException("--format: '" + format + "' must be table or json");
        }
        withProgramme(options, clock, program -> {
            List<Cases.Case> cases = program.cases(status, owner, tier, segment, rootCause);
            System.out.print(format.equals("json") ? json(cases) : table(cases, clock.instant()));
        });
        return 0;
    }

    /** What a cases or contacts command does with the programme. */
    interface ProgrammeAction {
        void run(ProgramAdministration program) throws Exception;
    }

    /** Runs the action on the --db database, or, while a server holds it, through that server. */
    static void withProgramme(Options options, Clock clock, ProgrammeAction action) throws Exception {
        UsersCommand.onDatabaseOrServer(options, (database, config) -> action.run(ProgramAdministration.local(database, config.program(), clock)),
                socket -> action.run(dev.pulse.server.AdminSocket.programClient(socket)));
    }

    static String json(List<Cases.Case> cases) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        cases.forEach(c -> array.add(CaseJson.node(mapper, c)));
        return mapper.writeValueAsString(array) + "\n";
    }

    static String table(List<Cases.Case> cases, Instant now) {
        if (cases.isEmpty()) {
            return "no cases\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("case", "status", "score", "account", "owner", "opened", "due", "root cause"));
        for (Cases.Case c : cases) {
            rows.add(List.of(c.caseId(), c.status() + (c.overdue(now) ? " (overdue)" : ""), String.valueOf(c.score()),
                    c.accountName() == null ? c.accountId() : c.accountName(), c.owner() == null ? "-" : c.owner(),
                    minute(c.openedAt()), minute(c.dueAt()), c.rootCause() == null ? "" : c.rootCause()));
        }
        return TextTable.render(rows, column -> column == 2, true) + "\n" + cases.size() + (cases.size() == 1 ? " case\n" : " cases\n");
    }

    private static String minute(Instant instant) {
        return instant == null ? "" : instant.toString().substring(0, 16).replace('T', ' ') + "Z";
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Move a case (open -> contacted -> resolved, or closed_unreachable),"
            + " set its root cause, add a note.")
    static final class Update implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CASE_ID") String caseId;
        @Option(names = "--status", description = "contacted, resolved or closed_unreachable.") String status;
        @Option(names = "--root-cause", description = "One of program.root_causes (needed to resolve).") String rootCause;
        @Option(names = "--note", description = "What was done or learnt.") String note;
        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") String format;
        @Mixin Options options = new Options();
        private final Clock clock;

        Update(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            if (!format.equals("table") && !format.equals("json")) {
                throw new UserErrors.UserException("--format: '" + format + "' must be table or json");
            }
            withProgramme(options, clock, program -> {
                Cases.Case updated = program.updateCase(UsersCommand.actor(), caseId, status, rootCause, note);
                if (format.equals("json")) {
                    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                    System.out.println(mapper.writeValueAsString(CaseJson.node(mapper, updated)));
                } else {
                    System.out.println("case " + updated.caseId() + ": " + updated.status()
                            + (updated.rootCause() == null ? "" : " (root cause " + updated.rootCause() + ")"));
                }
            });
            return 0;
        }
    }
}
