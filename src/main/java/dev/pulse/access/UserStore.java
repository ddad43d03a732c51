package dev.pulse.access;

import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The server's users and API tokens, kept in the Pulse database beside the data, with an audit log
 * of every change. Passwords are stored as Argon2id hashes; tokens are random (256 bits), shown once,
 * stored as their SHA-256 (a token is not guessable, so a fast hash keeps it unreadable without making
 * it guessable), and revocable.
 */
public final class UserStore implements UserAdministration {
    /** ASVS 2.1.1: at least 12 characters; no composition rules. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 128;
    static final String USERS = dev.pulse.ingest.Schema.USERS;
    static final String TOKENS = dev.pulse.ingest.Schema.TOKENS;
    static final String AUDIT = dev.pulse.ingest.Schema.AUDIT;
    private static final String TOKEN_PREFIX = "pulse_";

    private final Database database;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Hashed for an unknown user, so that a login takes as long whether the account exists or not. */
    private final String decoyHash;

    /** A user error: what was wrong with the request, said so that the user can fix it. */
    public static final class AccessException extends Exception {
        public AccessException(String message) {
            super(message);
        }
    }

    /** An API token as listed: never its secret. */
    public record Token(String id, String email, String name, Instant createdAt, Instant revokedAt) {
    }

    /** One line of the audit log. */
    public record AuditEntry(Instant at, String actor, String action, String subject) {
    }

    public UserStore(Database database, PasswordHasher hasher, Clock clock) throws SQLException {
        this.database = requireNonNull(database, "database is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.clock = requireNonNull(clock, "clock is null");
        database.execute("CREATE TABLE IF NOT EXISTS " + USERS + " (email VARCHAR, role VARCHAR, partner_id VARCHAR,"
                + " password_hash VARCHAR, created_at TIMESTAMPTZ)");
        database.execute("CREATE TABLE IF NOT EXISTS " + TOKENS + " (token_id VARCHAR, email VARCHAR, name VARCHAR,"
                + " token_hash VARCHAR, created_at TIMESTAMPTZ, revoked_at TIMESTAMPTZ)");
        database.execute("CREATE TABLE IF NOT EXISTS " + AUDIT + " (happened_at TIMESTAMPTZ, actor VARCHAR, action VARCHAR, subject VARCHAR)");
        dev.pulse.ingest.Schema.trackChanges(database); // PostgreSQL: a server sees a change made by another process
        this.decoyHash = hasher.hash("decoy password of no account");
    }

    /** The e-mail as it is stored and compared: trimmed, lower case; a user error unless it looks like one. */
    static String normalEmail(String email) throws AccessException {
        String normal = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = normal.indexOf('@');
        boolean valid = at > 0 && at == normal.lastIndexOf('@') && normal.indexOf('.', at) > at + 1 && !normal.endsWith(".")
                && normal.chars().noneMatch(Character::isWhitespace) && normal.length() <= 254;
        if (!valid) {
            throw new AccessException("'" + email + "' is not an e-mail address");
        }
        return normal;
    }

    private static void checkPassword(String password) throws AccessException {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw new AccessException("a password has " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters (this one has "
                    + length + ")");
        }
    }

    /** A random password a user is given once, to change later: 20 characters of base64url, 120 bits. */
    @Override
    public String generatePassword() {
        return randomPassword(random);
    }

    /** A random password of 120 bits, as URL-safe base64 (20 characters). */
    public static String randomPassword(SecureRandom random) {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Adds a user. A partner user must be bound to an existing partner account; the other roles to none.
     *
     * @param actor who does it, for the audit log
     */
    @Override
    public User add(String actor, String email, Role role, String partnerId, String password) throws AccessException, SQLException {
        String login = normalEmail(email);
        requireNonNull(role, "role is null");
        if (role == Role.PARTNER && (partnerId == null || partnerId.isBlank())) {
            throw new AccessException("a partner user needs --partner: the account_id of its partner account");
        }
        if (role != Role.PARTNER && partnerId != null) {
            throw new AccessException("only a partner user is bound to a partner account (--partner is for --role partner)");
        }
        if (role == Role.PARTNER && database.queryLong(Sql.of("SELECT count(*) FROM accounts WHERE account_id = ? AND type = 'partner'",
                partnerId.trim())) == 0) {
            throw new AccessException("'" + partnerId.trim() + "' is not a partner account of the database (accounts.csv, type partner)");
        }
        checkPassword(password);
        if (find(login).isPresent()) {
            throw new AccessException(login + " is a user already");
        }
        Instant now = clock.instant();
        database.execute(Sql.of("INSERT INTO " + USERS + " VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMPTZ))", login, role.id(),
                role == Role.PARTNER ? partnerId.trim() : null, hasher.hash(password), now.toString()));
        audit(actor, "user added (" + role.id() + (role == Role.PARTNER ? " of " + partnerId.trim() : "") + ")", login);
        return new User(login, role, role == Role.PARTNER ? partnerId.trim() : null, now);
    }

    public Optional<User> find(String email) throws SQLException {
        String login = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT email, role, partner_id, " + micros("created_at") + " AS created FROM " + USERS
                + " WHERE email = ?", login));
        return rows.isEmpty() ? Optional.empty() : Optional.of(user(rows.get(0)));
    }

    private static User user(Map<String, Object> row) {
        return new User((String) row.get("email"), Role.fromId((String) row.get("role")).orElseThrow(), (String) row.get("partner_id"),
                instant(((Number) row.get("created")).longValue()));
    }

    @Override
    public List<User> list() throws SQLException {
        List<User> users = new ArrayList<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT email, role, partner_id, " + micros("created_at") + " AS created FROM " + USERS
                + " ORDER BY email"))) {
            users.add(user(row));
        }
        return users;
    }

    /**
     * Each user's credentials as a digest of role, partner and password hash, by e-mail: what a server
     * compares to end the sessions of a user removed, given another role or a new password by another
     * process (PostgreSQL). Not the hash itself.
     */
    public Map<String, String> credentials() throws SQLException {
        Map<String, String> credentials = new java.util.TreeMap<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT email, role, partner_id, password_hash FROM " + USERS))) {
            credentials.put((String) row.get("email"), sha256(row.get("role") + "\u0000" + row.get("partner_id") + "\u0000" + row.get("password_hash")));
        }
        return credentials;
    }

    /** Removes a user and every token of theirs. */
    @Override
    public void remove(String actor, String email) throws AccessException, SQLException {
        String login = normalEmail(email);
        if (find(login).isEmpty()) {
            throw new AccessException(login + " is not a user");
        }
        database.execute(Sql.of("DELETE FROM " + TOKENS + " WHERE email = ?", login));
        database.execute(Sql.of("DELETE FROM " + USERS + " WHERE email = ?", login));
        audit(actor, "user removed, with their tokens", login);
    }

    @Override
    public void setPassword(String actor, String email, String password) throws AccessException, SQLException {
        String login = normalEmail(email);
        if (find(login).isEmpty()) {
            throw new AccessException(login + " is not a user");
        }
        checkPassword(password);
        database.execute(Sql.of("UPDATE " + USERS + " SET password_hash = ? WHERE email = ?", hasher.hash(password), login));
        audit(actor, "password set", login);
    }

    /**
     * The user whose password this is; empty for a wrong password or an unknown user, which take the
     * same time (a hash is verified either way) and are not told apart.
     */
    public Optional<User> login(String email, String password) throws SQLException {
        String login = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT password_hash FROM " + USERS + " WHERE email = ?", login));
        String hash = rows.isEmpty() ? decoyHash : (String) rows.get(0).get("password_hash");
        boolean valid = password != null && password.length() <= 4 * MAX_PASSWORD_LENGTH && hasher.verify(hash, password);
        audit(login, valid && !rows.isEmpty() ? "login" : "login failed", login);
        return valid && !rows.isEmpty() ? find(login) : Optional.empty();
    }

    /** Creates an API token for a user; the returned text is the token, shown this once and stored only as its hash. */
    @Override
    public String createToken(String actor, String email, String name) throws AccessException, SQLException {
        String login = normalEmail(email);
        if (find(login).isEmpty()) {
            throw new AccessException(login + " is not a user");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new AccessException("a token needs a name of 1 to 100 characters (--name), to tell it apart when revoking it");
        }
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String tokenId = HexFormat.of().formatHex(id);
        String token = TOKEN_PREFIX + tokenId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        database.execute(Sql.of("INSERT INTO " + TOKENS + " VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMPTZ), NULL)", tokenId, login, name.trim(),
                sha256(token), clock.instant().toString()));
        audit(actor, "token " + tokenId + " created (" + name.trim() + ")", login);
        return token;
    }

    @Override
    public List<Token> tokens() throws SQLException {
        List<Token> tokens = new ArrayList<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT token_id, email, name, " + micros("created_at") + " AS created,"
                + " " + micros("revoked_at") + " AS revoked FROM " + TOKENS + " ORDER BY email, created_at, token_id"))) {
            tokens.add(new Token((String) row.get("token_id"), (String) row.get("email"), (String) row.get("name"),
                    instant(((Number) row.get("created")).longValue()),
                    row.get("revoked") == null ? null : instant(((Number) row.get("revoked")).longValue())));
        }
        return tokens;
    }

    @Override
    public void revokeToken(String actor, String tokenId) throws AccessException, SQLException {
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT email FROM " + TOKENS + " WHERE token_id = ? AND revoked_at IS NULL",
                tokenId == null ? "" : tokenId.trim()));
        if (rows.isEmpty()) {
            throw new AccessException("no live token has the id '" + tokenId + "' (pulse tokens list shows them)");
        }
        database.execute(Sql.of("UPDATE " + TOKENS + " SET revoked_at = CAST(? AS TIMESTAMPTZ) WHERE token_id = ?", clock.instant().toString(),
                tokenId.trim()));
        audit(actor, "token " + tokenId.trim() + " revoked", (String) rows.get(0).get("email"));
    }

    /** The user a token belongs to, unless it is unknown, malformed or revoked. */
    public Optional<User> authenticate(String token) throws SQLException {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        int separator = token.indexOf('_', TOKEN_PREFIX.length());
        if (separator < 0) {
            return Optional.empty();
        }
        String tokenId = token.substring(TOKEN_PREFIX.length(), separator);
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT email, token_hash FROM " + TOKENS
                + " WHERE token_id = ? AND revoked_at IS NULL", tokenId));
        if (rows.isEmpty() || !MessageDigest.isEqual(((String) rows.get(0).get("token_hash")).getBytes(StandardCharsets.US_ASCII),
                sha256(token).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return find((String) rows.get(0).get("email"));
    }

    public List<AuditEntry> audit() throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT " + micros("happened_at") + " AS at, actor, action, subject FROM " + AUDIT
                + " ORDER BY happened_at, action"))) {
            entries.add(new AuditEntry(instant(((Number) row.get("at")).longValue()), (String) row.get("actor"),
                    (String) row.get("action"), (String) row.get("subject")));
        }
        return entries;
    }

    public void audit(String actor, String action, String subject) throws SQLException {
        database.execute(Sql.of("INSERT INTO " + AUDIT + " VALUES (CAST(? AS TIMESTAMPTZ), ?, ?, ?)", clock.instant().toString(), actor,
                action, subject));
    }

    /** A timestamp column as microseconds since the epoch, as the engine's dialect spells it. */
    private String micros(String column) {
        return database.dialect().epochMicros(column);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
