package dev.pulse.voc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricValue;

import java.util.List;
import java.util.Locale;

/** The voice-of-the-customer summary as JSON: {@code pulse voc --format json} and {@code GET /api/voc} alike. */
public final class VocJson {
    private VocJson() {
    }

    public static String of(VocSummary summary) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("period", summary.period());
        root.put("previous_period", summary.previousPeriod());
        ArrayNode languages = root.putArray("comments");
        for (MetricValue value : summary.comments()) {
            if (value.metric().equals("comment_sentiment")) {
                ObjectNode node = languages.addObject();
                node.put("language", value.group().get("language"));
                node.put("scored", value.n());
                node.put("sentiment", value.value());
                node.put("ci_low", value.ciLow());
                node.put("ci_high", value.ciHigh());
            }
        }
        ArrayNode themes = root.putArray("themes");
        for (ThemeInsights.ThemeStat t : summary.themes()) {
            ObjectNode node = themes.addObject();
            ObjectNode group = node.putObject("group");
            t.group().forEach(group::put);
            node.put("theme", t.theme());
            node.put("label", t.label());
            node.put("mentions", t.mentions());
            node.put("comments", t.comments());
            node.put("share_pct", t.sharePct());
            putChange(node, "share_change_pp", t.shareChange());
            node.put("sentiment", t.sentiment());
            node.put("ci_low", t.ciLow());
            node.put("ci_high", t.ciHigh());
            node.put("scored", t.scored());
            node.put("low_sample", t.lowSample());
            node.put("positive_pct", t.positivePct());
            node.put("negative_pct", t.negativePct());
            putChange(node, "sentiment_change", t.sentimentChange());
            node.put("nps_with", t.npsWith());
            node.put("nps_with_n", t.npsWithN());
            node.put("nps_without", t.npsWithout());
            node.put("nps_without_n", t.npsWithoutN());
            node.put("nps_gap_significant", t.npsGapSignificant());
        }
        ArrayNode tops = root.putArray("top");
        for (var entry : summary.topPositive().entrySet()) {
            ObjectNode node = tops.addObject();
            ObjectNode group = node.putObject("group");
            entry.getKey().forEach(group::put);
            entry.getValue().forEach(t -> node.withArray("positive").add(t.theme()));
            summary.topImprovement().getOrDefault(entry.getKey(), List.of()).forEach(t -> node.withArray("improvement").add(t.theme()));
        }
        ArrayNode emerging = root.putArray("emerging");
        for (EmergingPhrases.Phrase p : summary.emerging()) {
            ObjectNode node = emerging.addObject();
            node.put("phrase", p.phrase());
            node.put("mentions", p.mentions());
            node.put("share_pct", p.sharePct());
            node.put("previous_share_pct", p.previousSharePct());
            node.put("z", p.z());
            node.put("sentiment", p.sentiment());
            node.put("example", p.example());
        }
        ObjectNode verbatims = root.putObject("verbatims");
        for (var theme : summary.verbatims().entrySet()) {
            ObjectNode node = verbatims.putObject(theme.getKey());
            for (var polarity : theme.getValue().entrySet()) {
                ArrayNode list = node.putArray(polarity.getKey());
                for (Verbatims.Verbatim v : polarity.getValue()) {
                    ObjectNode item = list.addObject();
                    item.put("response_id", v.responseId());
                    item.put("language", v.language());
                    item.put("sentiment", v.sentiment());
                    item.put("text", v.text());
                }
            }
        }
        return mapper.writeValueAsString(root);
    }

    private static void putChange(ObjectNode node, String field, Change change) {
        if (change == null) {
            node.putNull(field);
            node.putNull(field + "_verdict");
        } else {
            node.put(field, change.delta());
            node.put(field + "_verdict", change.verdict().name().toLowerCase(Locale.ROOT));
        }
    }
}
