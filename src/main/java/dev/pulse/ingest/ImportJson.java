package dev.pulse.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** An import's summary as JSON: {@code pulse import --json} and {@code POST /api/imports} alike. */
public final class ImportJson {
    private ImportJson() {
    }

    /** @param commentsAnalysed comments analysed by this import; commentsTotal, all analysed comments; commentSeconds, the analysis's time */
    public static String of(ImportResult result, long commentsAnalysed, long commentsTotal, double commentSeconds) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (FileReport file : result.files()) {
            ObjectNode node = files.addObject();
            node.put("file", file.file());
            node.put("read", file.read());
            node.put("loaded", file.loaded());
            node.put("quarantined", file.quarantined());
            if (!file.ignoredColumns().isEmpty()) {
                file.ignoredColumns().forEach(node.putArray("ignored_columns")::add);
            }
            if (!file.problems().isEmpty()) {
                file.problems().forEach(node.putArray("problems")::add);
            }
            if (!file.notes().isEmpty()) {
                file.notes().forEach(node.putArray("notes")::add);
            }
            List<ImportResult.ReasonCount> reasons = result.commonReasons().getOrDefault(file.file(), List.of());
            if (!reasons.isEmpty()) {
                ArrayNode common = node.putArray("common_reasons");
                reasons.forEach(reason -> common.addObject().put("reason", reason.reason()).put("rows", reason.rows()));
            }
        }
        if (!result.unknownFiles().isEmpty()) {
            result.unknownFiles().forEach(root.putArray("ignored_files")::add);
        }
        root.put("quarantine", result.quarantineCsv().toString());
        root.put("seconds", result.seconds());
        ObjectNode analysed = root.putObject("comments");
        analysed.put("analysed", commentsAnalysed);
        analysed.put("total", commentsTotal);
        analysed.put("seconds", commentSeconds);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an import summary could not be written as JSON", e);
        }
    }
}
