package dev.pulse.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;
import jakarta.mail.MessagingException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Delivers the alerts {@link CaseAlerts} queued: a webhook post (JSON signed with an HMAC header) or
 * an e-mail to the case's owner. Every attempt is recorded in alert_attempts; a failed one is tried
 * again after 30 s, 1, 2, 4 ... minutes, at most an hour apart, and given up after
 * {@link #MAX_ATTEMPTS} (about a day and a half), which its case page shows.
 *
 * <p>Delivery is at least once: an alert whose receiver took it but whose answer was lost (a
 * timeout, Pulse killed in between) is sent again, always with the same alert id, body and
 * Message-ID, so the receiver can tell a repeat from a new alert.
 *
 * <p>The database is read and written only under {@code lock} (the server's); the network is not,
 * so a slow receiver never holds up the server.
 */
public final class AlertDispatcher {
    public static final int MAX_ATTEMPTS = 40;
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    public static final String SIGNATURE_HEADER = "X-Pulse-Signature";
    public static final String TIMESTAMP_HEADER = "X-Pulse-Timestamp";
    public static final String ALERT_ID_HEADER = "X-Pulse-Alert-Id";
    public static final String EVENT_HEADER = "X-Pulse-Event";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;

    private final Database database;
    private final ProgramSettings settings;
    private final Clock clock;
    private final Object lock;
    private final byte[] webhookSecret;
    private final SmtpDelivery mail;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param environment where the webhook's secret ({@code program.webhook.secret_env}) and the SMTP
     *                    password are read
     * @param timeout     how long a webhook receiver may take to answer
     */
    public AlertDispatcher(Database database, ProgramSettings settings, Map<String, String> environment, Clock clock, Object lock,
                           Duration timeout) {
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        String secret = environment.get(settings.webhookSecretEnv());
        this.webhookSecret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.mail = settings.smtp() == null ? null : new SmtpDelivery(settings.smtp(), environment);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What a start of the server should warn about: a webhook without its secret. Null when nothing. */
    public String configurationProblem() {
        if (settings.webhookUrl() != null && webhookSecret == null) {
            return "program.webhook is set but the environment variable " + settings.webhookSecretEnv()
                    + " (its signing secret) is not: alerts wait, unsent, until the server is started with it";
        }
        return null;
    }

    /** What one pass did. */
    public record Pass(int delivered, int failed, int gaveUp) {
        public int attempts() {
            return delivered + failed + gaveUp;
        }
    }

    /** Attempts every alert that is due now (oldest first), until none is. */
    public Pass dispatchDue() throws SQLException {
        int delivered = 0;
        int failed = 0;
        int gaveUp = 0;
        List<String> tried = new ArrayList<>();
        while (true) {
            List<Map<String, Object>> due;
            synchronized (lock) {
                if (!alertsTable()) {
                    return new Pass(0, 0, 0);
                }
                due = database.query(Sql.of("SELECT alert_id, channel, target, payload, attempts FROM " + Schema.ALERTS
                        + " WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= CAST(? AS TIMESTAMPTZ)"
                        + " ORDER BY created_at, alert_id LIMIT " + BATCH, clock.instant().toString()));
            }
            due.removeIf(row -> tried.contains((String) row.get("alert_id"))); // one attempt per alert per pass
            if (due.isEmpty()) {
                return new Pass(delivered, failed, gaveUp);
            }
            for (Map<String, Object> alert : due) {
                String alertId = (String) alert.get("alert_id");
                tried.add(alertId);
                int attempt = ((Number) alert.get("attempts")).intValue() + 1;
                String error = attempt(alertId, (String) alert.get("channel"), (String) alert.get("target"), (String) alert.get("payload"));
                synchronized (lock) {
                    record(alertId, attempt, error);
                }
                if (error == null) {
                    delivered++;
                } else if (attempt >= MAX_ATTEMPTS) {
                    gaveUp++;
                } else {
                    failed++;
                }
            }
        }
    }

    /** When the next undelivered alert is due, or null when none waits. */
    public Instant nextDue() throws SQLException {
        synchronized (lock) {
            if (!alertsTable()) {
                return null;
            }
            var rows = database.query(Sql.of("SELECT min(next_attempt_at) AS next FROM " + Schema.ALERTS
                    + " WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL"));
            return rows.isEmpty() ? null : Instants.of(rows.get(0).get("next"));
        }
    }

    private boolean alertsTableSeen;

    /** Whether the alerts table exists (a database with no programme yet has none); once it does, it stays. */
    private boolean alertsTable() throws SQLException {
        if (!alertsTableSeen) {
            alertsTableSeen = database.tableExists(Schema.ALERTS);
        }
        return alertsTableSeen;
    }

    /** The wait after the n-th failed attempt: 30 s doubled each time, at most an hour. */
    static Duration retryAfter(int failedAttempts) {
        Duration wait = FIRST_RETRY;
        for (int i = 1; i < failedAttempts && wait.compareTo(LONGEST_RETRY) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /** One attempt; null when delivered, otherwise why not (one line, for the record). */
    private String attempt(String alertId, String channel, String target, String payload) {
        JsonNode alert;
        try {
            alert = JSON.readTree(payload);
        } catch (IOException e) {
            return "the stored payload is not JSON";
        }
        return switch (channel) {
            case "webhook" -> post(alertId, target, payload, alert.path("event").asText("case.opened"));
            case "email" -> email(alertId, target, alert);
            default -> "unknown channel " + channel;
        };
    }

    private String post(String alertId, String url, String payload, String event) {
        if (webhookSecret == null) {
            return "not sent: the environment variable " + settings.webhookSecretEnv() + " (the signing secret) is not set";
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Pulse")
                    .header(ALERT_ID_HEADER, alertId)
                    .header(EVENT_HEADER, event)
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + signature(webhookSecret, timestamp, payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            return "the webhook address is not usable: " + e.getMessage();
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status;
        } catch (java.net.http.HttpTimeoutException e) {
            return "the receiver did not answer within " + timeout.toSeconds() + " s";
        } catch (IOException e) {
            return "the receiver could not be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The signature a receiver checks: hex HMAC-SHA256, keyed with the shared secret, of the
     * timestamp header, a dot and the body as sent (so an old body cannot be replayed as new).
     */
    public static String signature(byte[] secret, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private String email(String alertId, String owner, JsonNode alert) {
        if (mail == null) {
            return "not sent: program.smtp is not set";
        }
        try {
            mail.deliver(alertId, AlertMail.compose(mail.session(), settings.smtp().from(), alertId, owner, alert.path("case"),
                    alert.path("case_url").asText(null), clock.instant()));
            return null;
        } catch (MessagingException e) {
            return "the e-mail could not be composed: " + e.getMessage();
        } catch (Delivery.DeliveryException e) {
            return e.getMessage();
        }
    }

    private void record(String alertId, int attempt, String error) throws SQLException {
        Instant now = clock.instant();
        boolean last = error != null && attempt >= MAX_ATTEMPTS;
        String outcome = error == null ? "delivered" : last ? "gave_up" : "failed";
        database.inTransaction(() -> {
            database.execute(Sql.of("INSERT INTO " + Schema.ALERT_ATTEMPTS + " (alert_id, attempted_at, outcome, detail)"
                    + " VALUES (?, CAST(? AS TIMESTAMPTZ), ?, ?)", alertId, now.toString(), outcome, error));
            if (error == null) {
                database.execute(Sql.of("UPDATE " + Schema.ALERTS + " SET attempts = ?, delivered_at = CAST(? AS TIMESTAMPTZ),"
                        + " next_attempt_at = NULL, last_error = NULL WHERE alert_id = ?", attempt, now.toString(), alertId));
            } else {
                String next = last ? null : now.plus(retryAfter(attempt)).toString();
                database.execute(Sql.of("UPDATE " + Schema.ALERTS + " SET attempts = ?, next_attempt_at = CAST(? AS TIMESTAMPTZ),"
                        + " last_error = ? WHERE alert_id = ?", attempt, next, error, alertId));
            }
            return null;
        });
    }
}
