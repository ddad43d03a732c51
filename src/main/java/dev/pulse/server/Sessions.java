package dev.pulse.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Dashboard sessions, kept in the server's memory only: a session id is 256 random bits that name a
 * server-side record, never the user's data. A session ends after {@link #IDLE} without a request,
 * {@link #ABSOLUTE} after its login whatever the activity, at logout, and when its user is removed;
 * each login gets a new id (no fixation), and each session its own CSRF token. A restart ends them all.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 100_000;

    record Session(String id, dev.pulse.access.User user, String csrf, Instant started, Instant lastSeen) {
        Session {
            requireNonNull(id, "id is null");
            requireNonNull(user, "user is null");
            requireNonNull(csrf, "csrf is null");
            requireNonNull(started, "started is null");
            requireNonNull(lastSeen, "lastSeen is null");
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A new session for a user who just logged in; the session it replaces (if any) ends. */
    Session start(dev.pulse.access.User user, String replaced) {
        if (replaced != null) {
            sessions.remove(replaced);
        }
        if (sessions.size() >= MAX_SESSIONS) {
            expire();
        }
        Instant now = clock.instant();
        Session session = new Session(randomId(), user, randomId(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of an id, its idle clock reset; empty for an unknown, ended or expired one. */
    Optional<Session> find(String id) {
        if (id == null || id.length() != 43) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(session.lastSeen().plus(IDLE)) || now.isAfter(session.started().plus(ABSOLUTE))) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session seen = new Session(session.id(), session.user(), session.csrf(), session.started(), now);
        sessions.put(id, seen);
        return Optional.of(seen);
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (removed, or given a new password). */
    void endAllOf(String email) {
        sessions.values().removeIf(session -> session.user().email().equals(email));
    }

    /** Ends every session. */
    void endAll() {
        sessions.clear();
    }

    private void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.started().plus(ABSOLUTE)));
    }

    String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
