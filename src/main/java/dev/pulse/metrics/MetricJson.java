package dev.pulse.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Metric values as JSON, the one shape of the CLI's {@code --format json} and the API: an array of
 * {@code {"metric", "group", "value", "n", "ci_low", "ci_high", "low_sample"}} (plus {@code share} for
 * counts in a breakdown, {@code suppressed} for a withheld value, and {@code compare} with a comparison).
 */
public final class MetricJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetricJson() {
    }

    public static String values(List<MetricValue> values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (MetricValue value : values) {
            fill(array.addObject(), value);
        }
        return write(array);
    }

    public static String compared(List<Comparison.Compared> compared) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Comparison.Compared item : compared) {
            ObjectNode node = array.addObject();
            fill(node, item.value());
            ObjectNode earlier = node.putObject("compare");
            earlier.put("period", item.earlierPeriod());
            earlier.put("value", item.earlier() == null ? null : item.earlier().value());
            earlier.put("n", item.earlier() == null ? 0 : item.earlier().n());
            earlier.put("change", item.change() == null ? null : item.change().delta());
            earlier.put("verdict", verdict(item));
        }
        return write(array);
    }

    /** up, down (significant), stable (within noise), untested (no test for this kind), or none (no earlier value). */
    public static String verdict(Comparison.Compared item) {
        return item.change() == null ? "none" : item.change().verdict().name().toLowerCase(Locale.ROOT);
    }

    private static void fill(ObjectNode node, MetricValue value) {
        node.put("metric", value.metric());
        ObjectNode group = node.putObject("group");
        value.group().forEach(group::put);
        node.put("value", value.value());
        if (value.suppressed()) {
            node.putNull("n");
            node.put("suppressed", true);
        } else {
            node.put("n", value.n());
        }
        if (value.ciLow() != null) {
            node.put("ci_low", value.ciLow());
            node.put("ci_high", value.ciHigh());
        }
        node.put("low_sample", value.lowSample());
        if (value.share() != null) {
            node.put("share", value.share());
        }
    }

    private static String write(ArrayNode array) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
