package dev.pulse.cli;

import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic, realistic telecom/B2B CX data set (six quarters) in the data-contract layout.")
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "The folder to write the CSV files into.")
    Path out;

    @Option(names = "--scale", defaultValue = "1", description = "1 = about 200,000 tickets; 5 = a million (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "20241231", description = "Random seed; the same seed writes the same data.")
    long seed;

    @Option(names = "--bad-rows", defaultValue = "0", description = "Add this many rows that break the contract (quarantine demo).")
    int badRows;

    @Override
    public Integer call() throws Exception {
        if (!(scale > 0)) {
            throw new UserErrors.UserException("--scale must be a number greater than 0 (it was " + scale + ")");
        }
        Options.atLeast("--bad-rows", badRows, 0);
        Options.outputFolder("OUT", out);
        long start = System.nanoTime();
        DemoDataGenerator.Summary summary = new DemoDataGenerator(GeneratorOptions.standard(scale).withSeed(seed).withBadRows(badRows))
                .generate(out);
        System.out.printf("wrote %s in %.1f s: %,d accounts, %,d tickets, %,d interactions, %,d survey responses, "
                        + "%,d agent-days, %,d QA reviews, %,d cost months, %,d ops figures%n", out, (System.nanoTime() - start) / 1e9,
                summary.accounts(), summary.tickets(), summary.interactions(), summary.surveys(), summary.activity(), summary.reviews(),
                summary.costs(), summary.opsMetrics());
        return 0;
    }
}
