package dev.pulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.pulse.program.AlertDispatcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A webhook receiver for case alerts, on 127.0.0.1:port at /hook, that a test turns down and up. It
 * checks each post's signature with the shared secret and records what it took.
 */
public final class TestingWebhook implements AutoCloseable {
    public enum Mode {
        /** answers 503 and takes nothing */
        FAIL,
        /** takes the next post but answers after the sender stopped waiting (2 s), then OK */
        SLOW_ONCE,
        OK
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public final AtomicReference<Mode> mode;
    /** The alerts taken, in order of arrival (a repeat appears again). */
    public final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    /** Posts whose signature or alert id header did not match their body. */
    public final List<String> badPosts = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;

    public TestingWebhook(int port, String secret, Mode initial) throws IOException {
        mode = new AtomicReference<>(initial);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst(AlertDispatcher.TIMESTAMP_HEADER);
            String expected = "sha256=" + AlertDispatcher.signature(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
            JsonNode alert = JSON.readTree(body);
            if (!expected.equals(exchange.getRequestHeaders().getFirst(AlertDispatcher.SIGNATURE_HEADER))
                    || !alert.path("alert_id").asText().equals(exchange.getRequestHeaders().getFirst(AlertDispatcher.ALERT_ID_HEADER))) {
                badPosts.add(body);
            }
            Mode now = mode.get();
            if (now == Mode.FAIL) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            received.add(alert);
            if (now == Mode.SLOW_ONCE) {
                mode.set(Mode.OK);
                pause(2_000);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A port nothing listens on (just now). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
