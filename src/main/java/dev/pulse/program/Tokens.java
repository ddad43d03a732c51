package dev.pulse.program;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * The answer tokens of invitations. A token is the keyed HMAC-SHA256 of the invitation's random id
 * (192 bits of it, URL-safe): not guessable from the contact or ticket, the same again when a
 * crashed send resumes, and checked by the server alone. The database keeps only the SHA-256 of a
 * token, so a copy of the database answers no survey. The key lives in a file beside the database
 * ({@code <stem>.program-key}, readable by its owner only), made on first use.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;

    public Tokens(byte[] key) {
        requireNonNull(key, "key is null");
        if (key.length < 32) {
            throw new IllegalArgumentException("a token key has at least 256 bits");
        }
        this.key = key.clone();
    }

    /** The key file of a database: beside it, {@code <stem>.program-key}. */
    public static Path keyFileOf(Path database) {
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return database.toAbsolutePath().resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".program-key");
    }

    /** The tokens of a database file, its key read from beside it or made there (mode 0600). */
    public static Tokens forDatabase(Path database) throws IOException {
        return forKeyFile(keyFileOf(database));
    }

    /** The tokens of a key file, read, or made (mode 0600) when there is none. */
    public static Tokens forKeyFile(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            byte[] key = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return new Tokens(key);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Files.deleteIfExists(temp); // another process made it first: use theirs
        }
        return forKeyFile(file);
    }

    /** A new invitation id: 128 random bits. */
    public static String newInvitationId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return "inv_" + HexFormat.of().formatHex(id);
    }

    public String token(String invitationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(invitationId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 24));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** What the database keeps of a token: its SHA-256, hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether text has the shape of a token (32 URL-safe characters): anything else is refused before a lookup. */
    public static boolean wellFormed(String text) {
        return text != null && text.length() == 32 && text.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}
