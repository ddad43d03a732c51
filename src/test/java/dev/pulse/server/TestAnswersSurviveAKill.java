package dev.pulse.server;

import dev.pulse.config.ProgramSettings;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.program.Invitations;
import dev.pulse.program.OutboxDelivery;
import dev.pulse.program.Tokens;
import dev.pulse.testing.TestingFolder;
import dev.pulse.testing.TestingWebhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of answers from many clients against {@code pulse serve} running in its own process
 * (valid ones, repeats, forged and expired tokens), the server killed with SIGKILL in the middle and
 * started again, and a webhook receiving the case alerts. Afterwards: every acknowledged answer is
 * stored once with its score, every detractor has exactly one case and one alert, nothing
 * half-written, nothing stored for a refused token, every alert delivered with one id.
 */
class TestAnswersSurviveAKill {
    private static final int ACCOUNTS = Integer.getInteger("pulse.kill.accounts", 400);
    private static final int CLIENTS = 16;
    private static final String SECRET = "kill-test-secret";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path temp;

    /** One submission the load makes: a token, the score sent, and the status it must end with. */
    private record Submit(String token, int score, int expected) {
    }

    @Test
    void acknowledgedAnswersSurviveSigkillAndEveryDetractorHasOneCaseAndOneAlert() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        List<String> accounts = new ArrayList<>(List.of("account_id,name,type,segment,tier,partner_id,started_at,ended_at,owner"));
        List<String> contacts = new ArrayList<>(List.of("contact_id,account_id,email,name,role,language"));
        String[] roles = {"business", "operational", "technical", "other", "other"};
        for (int a = 1; a <= ACCOUNTS; a++) {
            accounts.add("A" + a + ",Account " + a + ",customer,SMB,Silver,,,,owner" + (a % 7) + "@pulse.test");
            for (int r = 0; r < roles.length; r++) {
                contacts.add("K" + a + "_" + r + ",A" + a + ",k" + a + "_" + r + "@example.com,Contact,"
                        + roles[r] + "," + (r % 2 == 0 ? "en" : "es"));
            }
        }
        folder.file("accounts.csv", accounts.toArray(String[]::new));
        folder.file("contacts.csv", contacts.toArray(String[]::new));
        int webhookPort = TestingWebhook.freePort();
        Files.writeString(folder.databaseFile().resolveSibling("pulse.yaml"), "program:\n  webhook:\n    url: http://127.0.0.1:"
                + webhookPort + "/hook\n    secret_env: PULSE_WEBHOOK_SECRET\n");

        Instant now = Instant.now();
        List<Submit> load = new ArrayList<>();
        Random random = new Random(20261202);
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            ProgramSettings defaults = ProgramSettings.defaults();
            // Three weeks ago a wave to the "other" contacts: their tokens (14 days) have expired.
            wave(folder, database, withRoles(defaults, List.of("other")), "old", now.minus(Duration.ofDays(21)));
            wave(folder, database, defaults, "now", now);
            Tokens tokens = Tokens.forDatabase(folder.databaseFile());
            for (Map<String, Object> row : database.query(Sql.of("SELECT invitation_id, wave FROM invitations ORDER BY invitation_id"))) {
                String token = tokens.token((String) row.get("invitation_id"));
                int score = random.nextInt(11);
                if ("old".equals(row.get("wave"))) {
                    load.add(new Submit(token, score, 410));
                    continue;
                }
                load.add(new Submit(token, score, 200));
                if (random.nextInt(3) == 0) {
                    load.add(new Submit(token, score, 200)); // the same answer again: a double click, a reload
                }
                if (random.nextInt(4) == 0) {
                    char last = token.charAt(token.length() - 1);
                    load.add(new Submit(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), score, 404));
                }
            }
        }
        Collections.shuffle(load, random);
        Map<String, Integer> answered = new HashMap<>();
        load.stream().filter(s -> s.expected() == 200).forEach(s -> answered.put(s.token(), s.score()));
        long detractors = answered.values().stream().filter(score -> score <= 6).count();

        TestingWebhook receiver = new TestingWebhook(webhookPort, SECRET, TestingWebhook.Mode.OK);
        int port = TestingWebhook.freePort();
        ServerProcess server = ServerProcess.start(folder.databaseFile(), port);
        ConcurrentLinkedQueue<Submit> queue = new ConcurrentLinkedQueue<>(load);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger(); // requests that got no answer (the server was down): sent again
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        Set<String> acknowledgedBeforeKill = ConcurrentHashMap.newKeySet();
        CountDownLatch halfway = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                Submit submit;
                while ((submit = queue.poll()) != null) {
                    while (true) {
                        try {
                            int status = answer(port, submit.token(), submit.score());
                            if (status != submit.expected()) {
                                wrong.add(submit.expected() + " expected, " + status + " answered");
                            } else if (status == 200 && !killed.get()) {
                                acknowledgedBeforeKill.add(submit.token());
                            }
                            break;
                        } catch (IOException e) {
                            unanswered.incrementAndGet();
                            TestingWebhook.pause(100);
                        }
                    }
                    if (completed.incrementAndGet() == load.size() * 2 / 5) {
                        halfway.countDown();
                    }
                }
                return null;
            });
        }
        assertThat(halfway.await(5, TimeUnit.MINUTES)).isTrue();
        killed.set(true);
        int doneAtKill = completed.get();
        server.kill();
        long restartStart = System.nanoTime();
        server = ServerProcess.start(folder.databaseFile(), port);
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (alertIds(receiver).size() < detractors && System.nanoTime() < deadline) {
            TestingWebhook.pause(200);
        }
        server.stop();
        receiver.close();
        Set<String> alertIds = alertIds(receiver);

        assertThat(wrong).isEmpty();
        try (Database database = folder.open()) {
            Map<String, Long> stored = new HashMap<>();
            Tokens tokens = Tokens.forDatabase(folder.databaseFile());
            for (Map<String, Object> row : database.query(Sql.of("SELECT i.invitation_id, s.score FROM invitations i"
                    + " JOIN surveys s ON s.response_id = i.response_id"))) {
                stored.put(tokens.token((String) row.get("invitation_id")), ((Number) row.get("score")).longValue());
            }
            assertThat(stored.keySet()).containsAll(acknowledgedBeforeKill);
            assertThat(stored).hasSize(answered.size());
            answered.forEach((token, score) -> assertThat(stored.get(token)).isEqualTo(score.longValue()));
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM surveys WHERE response_id LIKE 'ans_%'"))).isEqualTo(answered.size());
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM invitations WHERE wave = 'old' AND answered_at IS NOT NULL"))).isZero();
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases WHERE status <> 'withdrawn'"))).isEqualTo(detractors);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM (SELECT response_id FROM cases GROUP BY response_id"
                    + " HAVING count(*) > 1) d"))).isZero();
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM surveys s"
                    + " WHERE s.response_id = c.response_id)"))).isZero();
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM surveys s WHERE s.response_id LIKE 'ans_%' AND s.score <= 6"
                    + " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.response_id = s.response_id)"))).isZero();
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM alerts"))).isEqualTo(detractors);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM alerts WHERE delivered_at IS NULL"))).isZero();
            Set<String> storedAlerts = new HashSet<>();
            database.query(Sql.of("SELECT alert_id FROM alerts")).forEach(row -> storedAlerts.add((String) row.get("alert_id")));
            assertThat(alertIds).isEqualTo(storedAlerts);
        }
        assertThat(receiver.badPosts).isEmpty();
        long refused = load.stream().filter(s -> s.expected() != 200).count();
        System.out.printf(java.util.Locale.ROOT, "answers under load with a kill -9: %d requests by %d clients (%d valid answers, %d repeats,"
                        + " %d forged or expired), %.0f requests/s over %.1f s; killed after %d, %d requests unanswered while down and sent"
                        + " again, restart in %.1f s; %d answers stored (%d acknowledged before the kill, all there), %d cases, %d alerts"
                        + " delivered (%d posts), 0 half-written%n",
                load.size(), CLIENTS, answered.size(), load.size() - answered.size() - refused, refused, load.size() / loadSeconds,
                loadSeconds, doneAtKill, unanswered.get(), restartSeconds, answered.size(), acknowledgedBeforeKill.size(), detractors,
                alertIds.size(), receiver.received.size());
    }

    private static void wave(TestingFolder folder, Database database, ProgramSettings settings, String wave, Instant at) throws Exception {
        new Invitations(database, settings, Tokens.forDatabase(folder.databaseFile()), Clock.fixed(at, ZoneOffset.UTC), ZoneOffset.UTC, null)
                .send("relationship", wave, at, new OutboxDelivery(folder.databaseFile().resolveSibling("outbox-" + wave)),
                        "http://127.0.0.1", "surveys@example.com");
    }

    private static ProgramSettings withRoles(ProgramSettings d, List<String> roles) {
        return new ProgramSettings(d.tokenDays(), d.quietDays(), d.transactionalWindowDays(), roles, d.editHours(), d.detractorMax(),
                d.caseDueHours(), d.rootCauses(), d.programs(), d.baseUrl(), d.smtp(), d.webhookUrl(), d.webhookSecretEnv(), d.alertEmail());
    }

    private static int answer(int port, String token, int score) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/s/" + token)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("score=" + score + "&comment=load+test+" + score)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Set<String> alertIds(TestingWebhook receiver) {
        synchronized (receiver.received) {
            Set<String> ids = new HashSet<>();
            receiver.received.forEach(alert -> ids.add(alert.get("alert_id").asText()));
            return ids;
        }
    }

    /** {@code pulse serve} in a process of its own, so that it can be killed as an operator's kill -9 would. */
    private record ServerProcess(Process process) {
        static ServerProcess start(Path database, int port) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", System.getProperty("pulse.kill.jvm", "-Dpulse.kill=1"),
                    "-cp", System.getProperty("java.class.path"), "dev.pulse.cli.PulseCommand", "serve", "--db", database.toString(),
                    "--port", Integer.toString(port));
            builder.environment().put("PULSE_WEBHOOK_SECRET", SECRET);
            builder.redirectErrorStream(true);
            Process process = builder.start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Pulse serves ")) {
                    String log = System.getProperty("pulse.kill.log"); // the server's output, for profiling (PULSE_TRACE=1)
                    Thread drain = new Thread(() -> {
                        try (var out = log == null ? java.io.Writer.nullWriter() : Files.newBufferedWriter(Path.of(log),
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                            for (String rest; (rest = output.readLine()) != null; ) {
                                out.write(rest + "\n");
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                    }, "drain-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new ServerProcess(process);
                }
            }
            throw new AssertionError("pulse serve did not start: " + String.join("\n", lines));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: the shutdown hook closes the database
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
