package dev.pulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two JSON documents the same but for numbers within 1e-9 relative (whole numbers, such as n, exactly). */
public final class SameJson {
    private SameJson() {
    }

    public static void within1e9(String actual, String expected) throws Exception {
        compareJson("$", new ObjectMapper().readTree(actual), new ObjectMapper().readTree(expected));
    }

    private static void compareJson(String path, JsonNode actual, JsonNode expected) {
        if (expected.isNumber() && actual.isNumber()) {
            double want = expected.asDouble();
            assertThat(Math.abs(actual.asDouble() - want)).as(path + ": " + actual + " against " + expected)
                    .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(want)));
            if (expected.isIntegralNumber()) {
                assertThat(actual.asLong()).as(path).isEqualTo(expected.asLong());
            }
            return;
        }
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        if (expected.isArray()) {
            assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                compareJson(path + "[" + i + "]", actual.get(i), expected.get(i));
            }
        } else if (expected.isObject()) {
            List<String> actualFields = new java.util.ArrayList<>();
            List<String> expectedFields = new java.util.ArrayList<>();
            actual.fieldNames().forEachRemaining(actualFields::add);
            expected.fieldNames().forEachRemaining(expectedFields::add);
            assertThat(actualFields).as(path + " fields").isEqualTo(expectedFields);
            expected.fieldNames().forEachRemaining(field -> compareJson(path + "." + field, actual.get(field), expected.get(field)));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
