package dev.pulse.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCatalogueCoversSpec {
    /** The spec as CI sees it (shared/ beside the clone), else the copy kept in docs/spec. */
    private static Path spec() {
        Path shared = Path.of("..", "shared", "spec", "metrics.md");
        return Files.isRegularFile(shared) ? shared : Path.of("docs", "spec", "metrics.md");
    }

    @Test
    void everyMetricOfTheSpecIsInTheCatalogue() throws Exception {
        Set<String> specified = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_0-9]+)`(?:, `([a-z_0-9]+)`)?(?:, `([a-z_0-9]+)`)? \\|").matcher(Files.readString(spec()));
        while (row.find()) {
            for (int group = 1; group <= 3; group++) {
                if (row.group(group) != null) {
                    specified.add(row.group(group));
                }
            }
        }
        assertThat(specified).hasSizeGreaterThan(25);
        assertThat(Catalogue.standard().names()).containsAll(specified);
    }

    @Test
    void anInvalidCatalogueReportsEveryProblemAtOnce() {
        String yaml = """
                metrics:
                  - name: a
                    source: nowhere
                    kind: mean
                    polarity: higher
                    unit: x
                  - name: b
                    source: tickets
                    kind: share
                    polarity: sideways
                    unit: percent
                  - name: c
                    source: tickets
                    kind: mean
                    value: colour
                    polarity: higher
                    unit: x
                """;
        assertThatThrownBy(() -> Catalogue.parse("test.yaml", new ObjectMapper(new YAMLFactory()).readTree(yaml)))
                .hasMessageContaining("metrics[0] (a).source: 'nowhere'")
                .hasMessageContaining("metrics[1] (b).polarity: 'sideways'")
                .hasMessageContaining("metrics[2] (c).value: 'colour' is not a column of tickets");
    }
}
