package dev.pulse.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Key drivers as {@code pulse drivers --format json} and {@code /api/drivers} give them: an array of
 * {@code {"driver", "group", "respondents", "with", "importance", "importance_ci_low", "importance_ci_high",
 * "effect", "effect_ci_low", "effect_ci_high", "significant"}}, null where not defined.
 */
public final class DriverJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriverJson() {
    }

    public static String array(List<KeyDrivers.Result> results) {
        ArrayNode array = MAPPER.createArrayNode();
        for (KeyDrivers.Result r : results) {
            ObjectNode node = array.addObject();
            node.put("driver", r.driver());
            ObjectNode group = node.putObject("group");
            r.group().forEach(group::put);
            node.put("respondents", r.respondents());
            node.put("with", r.with());
            node.put("importance", r.importance());
            node.put("importance_ci_low", r.importanceLow());
            node.put("importance_ci_high", r.importanceHigh());
            node.put("effect", r.effect());
            node.put("effect_ci_low", r.effectLow());
            node.put("effect_ci_high", r.effectHigh());
            node.put("significant", r.significant());
        }
        try {
            return MAPPER.writeValueAsString(array) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e); // a tree of plain values always writes
        }
    }
}
