package dev.pulse.server;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An error the API answers with: its status and the JSON {@code {"error", "field", "valid"}}. Never a
 * stack trace, SQL text or a class name.
 *
 * @param field the parameter that was wrong, or null
 * @param valid what it may be, or empty
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final List<String> valid;
    private final long retryAfterSeconds;

    ApiError(int status, String message, String field, List<String> valid) {
        this(status, message, field, valid, 0);
    }

    /** @param retryAfterSeconds for 429: when to try again (the Retry-After header) */
    ApiError(int status, String message, String field, List<String> valid, long retryAfterSeconds) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.field = field;
        this.valid = List.copyOf(valid);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiError badRequest(String message, String field) {
        return new ApiError(400, message, field, List.of());
    }

    static ApiError unauthorized() {
        return new ApiError(401, "sign in: send an API token as 'Authorization: Bearer <token>' (pulse tokens create), or log in at /login", null, List.of());
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    List<String> valid() {
        return valid;
    }
}
