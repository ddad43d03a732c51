package dev.pulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Clock;

/** The {@code pulse} command line. */
@Command(name = "pulse", mixinStandardHelpOptions = true, version = "pulse 0.1.0",
        description = "Customer-experience analytics: import CX data, compute every standard KPI with its uncertainty.",
        subcommands = {DemoCommand.class, ImportCommand.class, MetricsCommand.class, ReportCommand.class, VocCommand.class, GenerateCommand.class, BenchmarkCommand.class, UsersCommand.class, TokensCommand.class, ServeCommand.class,
                SurveyCommand.class, CasesCommand.class, ContactsCommand.class, DriversCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class PulseCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC()).execute(args));
    }

    /** @param clock the time every command reads (the day a report is dated, what "a year ahead" is at import) */
    public static CommandLine commandLine(Clock clock) {
        CommandLine commandLine = new CommandLine(new PulseCommand(), new CommandFactory(clock));
        UserErrors errors = new UserErrors();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
