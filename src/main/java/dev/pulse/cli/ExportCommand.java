package dev.pulse.cli;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.ingest.LakeExport;
import dev.pulse.metrics.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every stored table as Parquet (a folder per table; tables of events partitioned by month), for a data lake"
                + " or another engine.")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    Options options = new Options();

    @Option(names = "--parquet", required = true, paramLabel = "DIR", description = "The folder to write into: DIR/<table>/ and"
            + " DIR/pulse-lake.json; a table exported before is replaced, other folders are left alone.")
    Path parquet;

    private final Clock clock;

    ExportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Options.outputFolder("--parquet", parquet);
        PulseConfig config = options.loadConfig(Catalogue.standard());
        long start = System.nanoTime();
        List<LakeExport.Table> tables;
        if (Options.isPostgres(options.database)) {
            // PostgreSQL writes no Parquet: Pulse's tables through a DuckDB file in a temporary folder
            Path work = Files.createTempDirectory("pulse-export-");
            try (Database pg = options.openImportedOnAnyEngine(config)) {
                try (Database duck = Options.open(work.resolve("export.duckdb"), config)) {
                    dev.pulse.engine.TableCopy.toDuckDb(pg, duck, work, dev.pulse.ingest.Schema.tables());
                    tables = new LakeExport(duck, clock).export(parquet);
                }
            } finally {
                dev.pulse.ingest.Folders.deleteTree(work);
            }
        } else {
            try (Database database = options.openImported(config)) {
                tables = new LakeExport(database, clock).export(parquet);
            }
        }
        List<List<String>> table = new java.util.ArrayList<>();
        table.add(List.of("table", "rows", "partitioned by the month of"));
        long rows = 0;
        for (LakeExport.Table exported : tables) {
            table.add(List.of(exported.name(), String.format(Locale.ROOT, "%,d", exported.rows()),
                    exported.partitionedBy() == null ? "" : exported.partitionedBy()));
            rows += exported.rows();
        }
        System.out.print(TextTable.render(table, column -> column == 1, true));
        System.out.printf(Locale.ROOT, "%,d rows of %d tables written to %s in %.1f s%n", rows, tables.size(), parquet, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
