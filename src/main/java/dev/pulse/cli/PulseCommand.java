package dev.pulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pulse} command line. */
@Command(name = "pulse", mixinStandardHelpOptions = true, version = "pulse 0.1.0",
        description = "Customer-experience analytics: import CX data, compute every standard KPI with its uncertainty.",
        subcommands = {DemoCommand.class, ImportCommand.class, MetricsCommand.class, ReportCommand.class, VocCommand.class, GenerateCommand.class, BenchmarkCommand.class,
                CommandLine.HelpCommand.class})
public final class PulseCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PulseCommand());
        commandLine.setExecutionExceptionHandler(new UserErrors());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
