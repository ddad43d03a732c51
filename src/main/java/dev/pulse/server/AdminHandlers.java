package dev.pulse.server;

import dev.pulse.access.Role;
import dev.pulse.access.User;
import dev.pulse.access.UserStore;
import dev.pulse.ingest.CsvImporter;
import dev.pulse.ingest.DataContract;
import dev.pulse.ingest.ImportJson;
import dev.pulse.ingest.ImportResult;
import dev.pulse.voc.CommentStore;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * What only an admin does: import data ({@code POST /api/imports}, the same validation and quarantine
 * as {@code pulse import}, answered with its {@code --json} document), and on the admin page manage
 * users and API tokens and read the audit log. Removing a user ends its sessions; a change of users or
 * tokens clears the server's cache of verified tokens.
 */
final class AdminHandlers {
    /** Largest upload, all files together. */
    static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

    private final DataAccess data;
    private final UserStore users;
    private final Sessions sessions;
    private final Documents documents;
    private final TemplateEngine templates;
    private final Clock clock;
    private final Runnable tokensChanged;
    private final Runnable dataChanged;

    AdminHandlers(DataAccess data, UserStore users, Sessions sessions, Documents documents, TemplateEngine templates, Clock clock,
                  Runnable tokensChanged, Runnable dataChanged) {
        this.data = requireNonNull(data, "data is null");
        this.users = requireNonNull(users, "users is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tokensChanged = requireNonNull(tokensChanged, "tokensChanged is null");
        this.dataChanged = requireNonNull(dataChanged, "dataChanged is null");
    }

    static User requireAdmin(Context ctx) {
        User user = PulseServer.user(ctx);
        if (user.role() != Role.ADMIN) {
            throw new ApiError(403, "only an admin may do this", null, List.of());
        }
        return user;
    }

    /** A 413 before the body is read, when it says it is larger than an upload may be. */
    static void checkUploadSize(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > MAX_UPLOAD_BYTES) {
            throw new ApiError(413, String.format(Locale.ROOT, "the upload is %,d MB; at most %,d MB may be sent at once (split the files)",
                    length / (1024 * 1024), MAX_UPLOAD_BYTES / (1024 * 1024)), null, List.of());
        }
    }

    /** {@code POST /api/imports}: contract CSV files as multipart form parts (any part names; the file names count). */
    void importApi(Context ctx) throws Exception {
        User admin = requireAdmin(ctx);
        PulseServer.json(ctx, 200, runImport(ctx, admin));
    }

    /** The upload form of the admin page: the same import, its summary shown on the page. */
    void importPage(Context ctx) throws Exception {
        User admin = requireAdmin(ctx);
        String summary;
        try {
            summary = runImport(ctx, admin);
        } catch (ApiError error) {
            page(ctx, admin, error.getMessage(), null, null);
            return;
        }
        page(ctx, admin, null, null, ImportSummaryView.of(summary));
    }

    private String runImport(Context ctx, User admin) throws Exception {
        List<UploadedFile> files = ctx.uploadedFiles();
        if (files.isEmpty()) {
            throw new ApiError(400, "no file was sent: post the contract's CSV files (accounts.csv, tickets.csv, ...) as multipart/form-data",
                    "files", DataContract.FILES.stream().map(dev.pulse.ingest.FileSpec::fileName).toList());
        }
        Path folder = Files.createTempDirectory("pulse-upload-");
        try {
            for (UploadedFile file : files) {
                String name = file.filename() == null ? "" : Path.of(file.filename().replace('\\', '/')).getFileName().toString();
                if (!name.matches("[A-Za-z0-9_.-]{1,100}") || name.startsWith(".")) {
                    throw new ApiError(400, "'" + PulseServer.shorten(name) + "' is not a file name of the data contract", "files",
                            DataContract.FILES.stream().map(dev.pulse.ingest.FileSpec::fileName).toList());
                }
                try (InputStream in = file.content()) {
                    Files.copy(in, folder.resolve(name.toLowerCase(Locale.ROOT)), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            ImportResult result;
            CommentStore.Update comments;
            synchronized (data.lock()) {
                try {
                    if (data.database().file() == null) {
                        Postgres imported = importIntoPostgres(folder);
                        result = imported.result();
                        comments = imported.comments();
                    } else {
                        result = new CsvImporter(data.database(), data.config().zone(), data.config().importOptions(), clock, (f, p) -> { })
                                .importFolder(folder, CsvImporter.quarantineBeside(data.database().file()));
                        comments = new CommentStore(data.database(), documents.analyzer()).update(message -> { });
                    }
                } catch (CsvImporter.ImportException e) {
                    throw ApiError.badRequest(e.getMessage(), "files");
                }
                data.dataChanged();
                users.audit(admin.email(), "import", String.format(Locale.ROOT, "%,d rows loaded, %,d quarantined (%s)", result.loaded(),
                        result.quarantined(), String.join(", ", result.files().stream().map(f -> f.file()).toList())));
            }
            dataChanged.run();
            return ImportJson.of(result, comments.analysed(), comments.total(), comments.seconds());
        } finally {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private record Postgres(ImportResult result, CommentStore.Update comments) {
    }

    /**
     * The import on PostgreSQL, as {@code pulse import --db postgresql://...} does it
     * ({@link dev.pulse.ingest.PostgresStaging}); the quarantine CSV goes to the server's current folder.
     */
    private Postgres importIntoPostgres(Path folder) throws Exception {
        String memoryLimit = data.config().memoryLimit();
        try {
            Postgres imported = dev.pulse.ingest.PostgresStaging.importAndStore(data.database(), memoryLimit, local -> {
                try (dev.pulse.engine.Database duck = dev.pulse.engine.Database.openDuckDb(local, memoryLimit)) {
                    return new Postgres(new CsvImporter(duck, data.config().zone(), data.config().importOptions(), clock, (f, p) -> { })
                            .importFolder(folder, CsvImporter.quarantineBeside(local)), new CommentStore(duck, documents.analyzer()).update(m -> { }));
                }
            }, retrying -> { });
            return new Postgres(imported.result().quarantinedIn(dev.pulse.ingest.PostgresStaging.quarantineCsv(data.database())), imported.comments());
        } catch (dev.pulse.ingest.PostgresStaging.ChangedMeanwhile e) {
            throw new ApiError(503, e.getMessage() + ", three times: nothing was stored; send the files again", null, List.of());
        } catch (dev.pulse.ingest.PostgresStaging.ForeignTables e) {
            throw new IllegalStateException("the server's database holds tables Pulse did not make: " + e.getMessage(), e);
        }
    }

    void adminPage(Context ctx) throws Exception {
        page(ctx, requireAdmin(ctx), null, null, null);
    }

    void addUser(Context ctx) throws Exception {
        User admin = requireAdmin(ctx);
        String email = field(ctx, "email", 254);
        Optional<Role> role = Role.fromId(field(ctx, "role", 20));
        String partner = field(ctx, "partner", 256);
        if (role.isEmpty()) {
            page(ctx, admin, "Choose a role: admin, analyst, viewer or partner.", null, null);
            return;
        }
        String password;
        synchronized (data.lock()) {
            password = users.generatePassword();
            try {
                users.add(admin.email(), email, role.get(), role.get() == Role.PARTNER ? partner : null, password);
            } catch (UserStore.AccessException e) {
                page(ctx, admin, e.getMessage(), null, null);
                return;
            }
        }
        page(ctx, admin, null, "User " + email + " added. Their password, shown this once: " + password, null);
    }

    void removeUser(Context ctx) throws Exception {
        User admin = requireAdmin(ctx);
        String email = field(ctx, "email", 254).trim().toLowerCase(Locale.ROOT);
        if (email.equals(admin.email())) {
            page(ctx, admin, "You cannot remove yourself; another admin can.", null, null);
            return;
        }
        synchronized (data.lock()) {
            try {
                users.remove(admin.email(), email);
            } catch (UserStore.AccessException e) {
                page(ctx, admin, e.getMessage(), null, null);
                return;
            }
        }
        sessions.endAllOf(email);
        tokensChanged.run();
        page(ctx, admin, null, "User " + email + " removed; their sessions and tokens no longer work.", null);
    }

    void createToken(Context ctx) throws Exception {
        User admin = requireAdmin(ctx);
        String token;
        synchronized (data.lock()) {
            try {
                token = users.createToken(admin.email(), field(ctx, "email", 254), field(ctx, "name", 100));
            } catch (UserStore.AccessException e) {
                page(ctx, admin, e.getMessage(), null, null);
                return;
            }
        }
        page(ctx, admin, null, "API token created. Copy it now; it is shown this once: " + token, null);
    }

    void revokeToken(Context ctx) throws Exception {
        User admin = requireAdmin(ctx);
        synchronized (data.lock()) {
            try {
                users.revokeToken(admin.email(), field(ctx, "token", 40));
            } catch (UserStore.AccessException e) {
                page(ctx, admin, e.getMessage(), null, null);
                return;
            }
        }
        tokensChanged.run();
        page(ctx, admin, null, "Token revoked.", null);
    }

    private static String field(Context ctx, String name, int max) {
        String value = ctx.formParam(name);
        if (value == null) {
            return "";
        }
        return value.length() > max ? value.substring(0, max) : value.trim();
    }

    private void page(Context ctx, User admin, String error, String done, ImportSummaryView imported) throws Exception {
        List<User> all;
        List<UserStore.Token> tokens;
        List<UserStore.AuditEntry> audit;
        synchronized (data.lock()) {
            all = users.list();
            tokens = users.tokens();
            audit = users.audit();
        }
        Sessions.Session session = ctx.attribute(PulseServer.SESSION);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", new Views.Page("Admin", admin.email(), admin.role().id(), session == null ? "" : session.csrf(), "admin", true, true,
                Views.Filters.none(), List.of()));
        model.put("error", error == null ? "" : error);
        model.put("done", done == null ? "" : done);
        model.put("users", all);
        model.put("tokens", tokens);
        List<UserStore.AuditEntry> latest = new java.util.ArrayList<>(audit.subList(Math.max(0, audit.size() - 200), audit.size()));
        java.util.Collections.reverse(latest);
        model.put("audit", latest);
        model.put("imported", imported);
        model.put("maxUploadMb", MAX_UPLOAD_BYTES / (1024 * 1024));
        StringOutput output = new StringOutput();
        templates.render("admin.jte", model, output);
        ctx.status(error == null ? 200 : 400).contentType("text/html; charset=utf-8").result(output.toString());
    }
}
