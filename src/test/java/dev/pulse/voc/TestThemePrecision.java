package dev.pulse.voc;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Theme precision and recall of the default taxonomy on a hand-labelled sample of demo comments
 * (demo-comments-themes.tsv). Printed and written to target/theme-precision.md; docs/benchmarks.md records it.
 */
class TestThemePrecision {
    @Test
    void defaultTaxonomyOnHandLabelledDemoComments() throws IOException {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
        Map<String, int[]> perTheme = new TreeMap<>(); // theme -> {true positives, predicted, labelled}
        int comments = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                TestThemePrecision.class.getResourceAsStream("demo-comments-themes.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                Set<String> labelled = Set.of(fields[1].split(","));
                Set<String> predicted = analyzer.analyze(fields[0]).themes().keySet();
                comments++;
                for (String theme : predicted) {
                    int[] c = perTheme.computeIfAbsent(theme, k -> new int[3]);
                    c[1]++;
                    c[0] += labelled.contains(theme) ? 1 : 0;
                }
                for (String theme : labelled) {
                    perTheme.computeIfAbsent(theme, k -> new int[3])[2]++;
                }
            }
        }
        int truePositives = perTheme.values().stream().mapToInt(c -> c[0]).sum();
        int predicted = perTheme.values().stream().mapToInt(c -> c[1]).sum();
        int labelled = perTheme.values().stream().mapToInt(c -> c[2]).sum();
        double precision = (double) truePositives / predicted;
        double recall = (double) truePositives / labelled;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%d comments: precision %.1f %% (%d of %d theme assignments right), recall %.1f %% (%d of %d labelled themes found)%n%n"
                        + "| theme | precision | recall | assigned | labelled |%n|---|---:|---:|---:|---:|%n",
                comments, 100 * precision, truePositives, predicted, 100 * recall, truePositives, labelled));
        perTheme.forEach((theme, c) -> table.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d |%n", theme,
                c[1] == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * c[0] / c[1]),
                c[2] == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * c[0] / c[2]), c[1], c[2])));
        System.out.print(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/theme-precision.md"), table);
        assertThat(precision).isGreaterThanOrEqualTo(0.85);
        assertThat(recall).isGreaterThanOrEqualTo(0.80);
        assertThat(List.of(comments)).containsExactly(120);
    }
}
