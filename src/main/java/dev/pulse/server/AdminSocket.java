package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.access.Role;
import dev.pulse.access.User;
import dev.pulse.access.UserAdministration;
import dev.pulse.access.UserStore;
import dev.pulse.program.CaseJson;
import dev.pulse.program.Cases;
import dev.pulse.program.ProgramAdministration;
import dev.pulse.program.ProgramException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * How {@code pulse users}, {@code pulse tokens}, {@code pulse cases} and {@code pulse contacts} work while a server holds the database (DuckDB lets
 * one process write a file): the server listens on a Unix-domain socket in a folder beside the
 * database that only its owner may enter ({@code <db>.admin/}, mode 0700: the same people who may read
 * the database file itself), and carries out each request on its own user store, one JSON line in and
 * one out. A change that ends sessions or tokens is passed on, so the server forgets them at once.
 */
public final class AdminSocket implements AutoCloseable {
    private final ServerSocketChannel channel;
    private final Path folder;
    private final Path socket;
    private final Thread thread;

    private AdminSocket(ServerSocketChannel channel, Path folder, Path socket, Thread thread) {
        this.channel = channel;
        this.folder = folder;
        this.socket = socket;
        this.thread = thread;
    }

    /** The socket of a database's server. */
    public static Path socketOf(Path database) {
        Path db = database.toAbsolutePath();
        return db.resolveSibling(db.getFileName() + ".admin").resolve("socket");
    }

    /**
     * Listens for the CLI's requests on the database's socket until closed.
     *
     * @param changed told the e-mail of a user removed or given a new password (its sessions end), or null when
     *                tokens changed (the verified ones are forgotten)
     */
    static AdminSocket listen(Path database, UserStore users, ProgramAdministration program, Object lock, Consumer<String> changed,
                              Runnable dataChanged) throws IOException {
        Path socket = socketOf(database);
        Path folder = socket.getParent();
        if (Files.exists(socket)) {
            Files.delete(socket); // a server that ended without closing it: the database lock says no other one runs
        }
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(folder);
            }
        }
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the database folder's own permissions apply
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> accept(channel, users, program, lock, changed, dataChanged), "pulse-admin-socket");
        thread.setDaemon(true);
        thread.start();
        return new AdminSocket(channel, folder, socket, thread);
    }

    private static void accept(ServerSocketChannel channel, UserStore users, ProgramAdministration program, Object lock,
                               Consumer<String> changed, Runnable dataChanged) {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                String line = in.readLine();
                ObjectNode answer = ApiHandlers.MAPPER.createObjectNode();
                try {
                    JsonNode request = ApiHandlers.MAPPER.readTree(line == null ? "{}" : line);
                    String op = text(request, "op");
                    if (PROGRAM_OPS.contains(op)) {
                        synchronized (lock) {
                            answer.set("result", carryOut(request, program));
                        }
                        if (!op.equals("cases")) {
                            dataChanged.run(); // the dashboards' cached figures of the closed loop
                        }
                    } else {
                        synchronized (lock) {
                            answer.set("result", carryOut(request, users, changed));
                        }
                    }
                    answer.put("ok", true);
                } catch (UserStore.AccessException | ProgramException | IllegalArgumentException e) {
                    answer.put("ok", false).put("error", e.getMessage());
                } catch (SQLException | IOException | RuntimeException e) {
                    System.err.println("pulse serve: an admin request failed:");
                    e.printStackTrace();
                    answer.put("ok", false).put("error", "the server failed on this request; its console says why");
                }
                OutputStream out = Channels.newOutputStream(client);
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (channel.isOpen()) {
                    System.err.println("pulse serve: admin socket: " + e.getMessage());
                }
            }
        }
    }

    private static JsonNode carryOut(JsonNode request, UserStore users, Consumer<String> changed)
            throws UserStore.AccessException, SQLException {
        String actor = text(request, "actor");
        ObjectNode none = ApiHandlers.MAPPER.createObjectNode();
        switch (text(request, "op")) {
            case "add" -> {
                User user = users.add(actor, text(request, "email"), Role.fromId(text(request, "role"))
                        .orElseThrow(() -> new IllegalArgumentException("no such role")), request.path("partner").isNull()
                        || request.path("partner").isMissingNode() ? null : text(request, "partner"), text(request, "password"));
                return userNode(user);
            }
            case "list" -> {
                ArrayNode array = ApiHandlers.MAPPER.createArrayNode();
                users.list().forEach(u -> array.add(userNode(u)));
                return array;
            }
            case "remove" -> {
                users.remove(actor, text(request, "email"));
                changed.accept(text(request, "email").trim().toLowerCase(java.util.Locale.ROOT));
                changed.accept(null);
                return none;
            }
            case "set-password" -> {
                users.setPassword(actor, text(request, "email"), text(request, "password"));
                changed.accept(text(request, "email").trim().toLowerCase(java.util.Locale.ROOT));
                return none;
            }
            case "create-token" -> {
                return ApiHandlers.MAPPER.getNodeFactory().textNode(users.createToken(actor, text(request, "email"), text(request, "name")));
            }
            case "tokens" -> {
                ArrayNode array = ApiHandlers.MAPPER.createArrayNode();
                for (UserStore.Token t : users.tokens()) {
                    array.addObject().put("id", t.id()).put("email", t.email()).put("name", t.name()).put("created", t.createdAt().toString())
                            .put("revoked", t.revokedAt() == null ? null : t.revokedAt().toString());
                }
                return array;
            }
            case "revoke" -> {
                users.revokeToken(actor, text(request, "id"));
                changed.accept(null);
                return none;
            }
            default -> throw new IllegalArgumentException("unknown request");
        }
    }

    private static final java.util.Set<String> PROGRAM_OPS = java.util.Set.of("cases", "case-update", "contact-flag", "contact-clear");

    private static JsonNode carryOut(JsonNode request, ProgramAdministration program) throws ProgramException, SQLException, IOException {
        ObjectNode none = ApiHandlers.MAPPER.createObjectNode();
        switch (text(request, "op")) {
            case "cases" -> {
                ArrayNode array = ApiHandlers.MAPPER.createArrayNode();
                program.cases(optional(request, "status"), optional(request, "owner"), optional(request, "tier"), optional(request, "segment"),
                        optional(request, "root_cause")).forEach(c -> array.add(CaseJson.whole(ApiHandlers.MAPPER, c)));
                return array;
            }
            case "case-update" -> {
                return CaseJson.whole(ApiHandlers.MAPPER, program.updateCase(text(request, "actor"), text(request, "case_id"),
                        optional(request, "status"), optional(request, "root_cause"), optional(request, "note")));
            }
            case "contact-flag" -> {
                program.flagContact(text(request, "actor"), text(request, "contact_id"), text(request, "flag"));
                return none;
            }
            case "contact-clear" -> {
                return ApiHandlers.MAPPER.getNodeFactory().numberNode(program.clearContactFlag(text(request, "contact_id"), text(request, "flag")));
            }
            default -> throw new IllegalArgumentException("unknown request");
        }
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field);
    }

    private static ObjectNode userNode(User user) {
        return ApiHandlers.MAPPER.createObjectNode().put("email", user.email()).put("role", user.role().id()).put("partner", user.partnerId())
                .put("created", user.createdAt().toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the request has no " + field);
        }
        return value.asText();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        thread.interrupt();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(folder);
    }

    /** The CLI's side: the same operations, sent to the server of a database. */
    public static UserAdministration client(Path socket) {
        return new Client(requireNonNull(socket, "socket is null"));
    }

    /** The CLI's side of the closed loop's commands. */
    public static ProgramAdministration programClient(Path socket) {
        Client client = new Client(requireNonNull(socket, "socket is null"));
        return new ProgramAdministration() {
            private JsonNode send(ObjectNode request) throws ProgramException, IOException {
                try {
                    return client.send(request);
                } catch (UserStore.AccessException e) {
                    throw new ProgramException(e.getMessage());
                }
            }

            @Override
            public List<Cases.Case> cases(String status, String owner, String tier, String segment, String rootCause)
                    throws ProgramException, IOException {
                List<Cases.Case> cases = new ArrayList<>();
                send(Client.request("cases", "").put("status", status).put("owner", owner).put("tier", tier).put("segment", segment)
                        .put("root_cause", rootCause)).forEach(node -> cases.add(CaseJson.parse(node)));
                return cases;
            }

            @Override
            public Cases.Case updateCase(String actor, String caseId, String status, String rootCause, String note)
                    throws ProgramException, IOException {
                return CaseJson.parse(send(Client.request("case-update", actor).put("case_id", caseId).put("status", status)
                        .put("root_cause", rootCause).put("note", note)));
            }

            @Override
            public void flagContact(String actor, String contactId, String flag) throws ProgramException, IOException {
                send(Client.request("contact-flag", actor).put("contact_id", contactId).put("flag", flag));
            }

            @Override
            public int clearContactFlag(String contactId, String flag) throws ProgramException, IOException {
                return send(Client.request("contact-clear", "").put("contact_id", contactId).put("flag", flag)).intValue();
            }
        };
    }

    private record Client(Path socket) implements UserAdministration {
        private static final SecureRandom RANDOM = new SecureRandom();

        private JsonNode send(ObjectNode request) throws UserStore.AccessException, IOException {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                OutputStream out = Channels.newOutputStream(channel);
                out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new IOException("the server closed the admin socket without an answer");
                }
                JsonNode answer = ApiHandlers.MAPPER.readTree(line);
                if (!answer.path("ok").asBoolean()) {
                    throw new UserStore.AccessException(answer.path("error").asText());
                }
                return answer.path("result");
            }
        }

        private static ObjectNode request(String op, String actor) {
            return ApiHandlers.MAPPER.createObjectNode().put("op", op).put("actor", actor);
        }

        @Override
        public String generatePassword() {
            return UserStore.randomPassword(RANDOM);
        }

        @Override
        public User add(String actor, String email, Role role, String partnerId, String password) throws UserStore.AccessException, IOException {
            return user(send(request("add", actor).put("email", email).put("role", role.id()).put("partner", partnerId).put("password", password)));
        }

        @Override
        public List<User> list() throws IOException {
            List<User> users = new ArrayList<>();
            try {
                send(request("list", "")).forEach(node -> users.add(user(node)));
            } catch (UserStore.AccessException e) {
                throw new IOException(e.getMessage());
            }
            return users;
        }

        @Override
        public void remove(String actor, String email) throws UserStore.AccessException, IOException {
            send(request("remove", actor).put("email", email));
        }

        @Override
        public void setPassword(String actor, String email, String password) throws UserStore.AccessException, IOException {
            send(request("set-password", actor).put("email", email).put("password", password));
        }

        @Override
        public String createToken(String actor, String email, String name) throws UserStore.AccessException, IOException {
            return send(request("create-token", actor).put("email", email).put("name", name)).asText();
        }

        @Override
        public List<UserStore.Token> tokens() throws IOException {
            List<UserStore.Token> tokens = new ArrayList<>();
            try {
                for (JsonNode t : send(request("tokens", ""))) {
                    tokens.add(new UserStore.Token(t.path("id").asText(), t.path("email").asText(), t.path("name").asText(),
                            Instant.parse(t.path("created").asText()), t.path("revoked").isNull() ? null : Instant.parse(t.path("revoked").asText())));
                }
            } catch (UserStore.AccessException e) {
                throw new IOException(e.getMessage());
            }
            return tokens;
        }

        @Override
        public void revokeToken(String actor, String tokenId) throws UserStore.AccessException, IOException {
            send(request("revoke", actor).put("id", tokenId));
        }

        private static User user(JsonNode node) {
            return new User(node.path("email").asText(), Role.fromId(node.path("role").asText()).orElseThrow(),
                    node.path("partner").isNull() ? null : node.path("partner").asText(), Instant.parse(node.path("created").asText()));
        }
    }
}
