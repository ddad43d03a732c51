package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An import's summary (the {@code pulse import --json} document) as the admin page shows it. */
public record ImportSummaryView(List<FileRow> files, List<String> ignoredFiles, String comments) {
    public ImportSummaryView {
        files = List.copyOf(files);
        ignoredFiles = List.copyOf(ignoredFiles);
    }

    public record FileRow(String file, String read, String loaded, String quarantined, List<String> reasons, boolean nothingLoaded) {
        public FileRow {
            reasons = List.copyOf(reasons);
        }
    }

    static ImportSummaryView of(String json) throws java.io.IOException {
        JsonNode root = ApiHandlers.MAPPER.readTree(json);
        List<FileRow> files = new ArrayList<>();
        for (JsonNode file : root.path("files")) {
            List<String> reasons = new ArrayList<>();
            file.path("problems").forEach(p -> reasons.add("problem: " + p.asText()));
            file.path("notes").forEach(n -> reasons.add("note: " + n.asText()));
            file.path("ignored_columns").forEach(c -> reasons.add("ignored column: " + c.asText()));
            file.path("common_reasons").forEach(r -> reasons.add(String.format(Locale.ROOT, "quarantined: %,d × %s", r.path("rows").asLong(),
                    r.path("reason").asText())));
            files.add(new FileRow(file.path("file").asText(), count(file, "read"), count(file, "loaded"), count(file, "quarantined"), reasons,
                    file.path("read").asLong() > 0 && file.path("loaded").asLong() == 0));
        }
        List<String> ignored = new ArrayList<>();
        root.path("ignored_files").forEach(f -> ignored.add(f.asText()));
        JsonNode comments = root.path("comments");
        return new ImportSummaryView(files, ignored, String.format(Locale.ROOT, "%,d new comments analysed; %,d in all",
                comments.path("analysed").asLong(), comments.path("total").asLong()));
    }

    private static String count(JsonNode node, String field) {
        return String.format(Locale.ROOT, "%,d", node.path(field).asLong());
    }
}
