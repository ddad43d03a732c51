package dev.pulse.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * The server's HTTPS key and certificate chain, read from the PEM files web servers use (a
 * certificate chain, as Let's Encrypt writes fullchain.pem; an unencrypted PKCS#8 private key), into a
 * key store held in memory for Jetty.
 */
public final class TlsKeys {
    /** The in-memory key store's password: it never leaves this process. */
    static final char[] PASSWORD = "pulse".toCharArray();

    private TlsKeys() {
    }

    /** A bad certificate or key file: a user error naming the file. */
    public static final class TlsException extends Exception {
        TlsException(String message) {
            super(message);
        }
    }

    public static KeyStore load(Path certificate, Path key) throws TlsException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("--tls-cert " + certificate + ": not a readable PEM certificate chain (" + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new TlsException("--tls-cert " + certificate + " holds no certificate");
        }
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("pulse", privateKey, PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("--tls-key " + key + " does not go with the certificate of --tls-cert " + certificate + " (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path key) throws TlsException {
        String text;
        try {
            text = Files.readString(key, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsException("--tls-key " + key + " cannot be read (" + e.getMessage() + ")");
        }
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new TlsException("--tls-key " + key + " is not an unencrypted PKCS#8 key; convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in " + key + " -out key.pem'");
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new TlsException("--tls-key " + key + " holds no '-----BEGIN PRIVATE KEY-----' block (a PEM PKCS#8 private key)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new TlsException("--tls-key " + key + ": the key is not valid base64");
        }
        for (String algorithm : new String[]{"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new TlsException("--tls-key " + key + " is not an RSA, EC or Ed25519 private key");
    }
}
