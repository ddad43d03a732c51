package dev.pulse.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The API's OpenAPI 3.1 description, kept beside the code as {@code openapi.json} and served at /api/openapi.json. */
final class OpenApi {
    private static final String DOCUMENT = load();

    private OpenApi() {
    }

    static String document() {
        return DOCUMENT;
    }

    private static String load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
