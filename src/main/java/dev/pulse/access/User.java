package dev.pulse.access;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A person who may use the server.
 *
 * @param email     lower case, trimmed: the login
 * @param partnerId for a partner user, the partner account it is bound to; null for the other roles
 */
public record User(String email, Role role, String partnerId, Instant createdAt) {
    public User {
        requireNonNull(email, "email is null");
        requireNonNull(role, "role is null");
        requireNonNull(createdAt, "createdAt is null");
        if ((role == Role.PARTNER) != (partnerId != null)) {
            throw new IllegalArgumentException("a partner user, and only a partner user, is bound to a partner account");
        }
    }
}
