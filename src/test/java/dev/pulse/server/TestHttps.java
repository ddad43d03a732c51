package dev.pulse.server;

import dev.pulse.access.PasswordHasher;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code pulse serve --tls-cert --tls-key}: HTTPS only, with Secure cookies and HSTS, from the PEM files
 * web servers use (a self-signed test certificate for 127.0.0.1 in the test resources, valid to 2125).
 */
class TestHttps {
    @TempDir
    Path temp;

    private Path resource(String name) throws Exception {
        Path file = temp.resolve(name);
        try (InputStream in = TestHttps.class.getResourceAsStream(name)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void theServerSpeaksHttpsOnlyWithSecureCookies() throws Exception {
        KeyStore keys = TlsKeys.load(resource("test-cert.pem"), resource("test-key.pem"));
        TestingFolder folder = new TestingFolder(temp.resolve("data"));
        folder.file("accounts.csv", "account_id,name,type,segment,tier,partner_id,region,started_at,ended_at,owner",
                "C1,One,customer,SMB,,,North,2024-01-01,,Ana");
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            UserStore users = new UserStore(database, new PasswordHasher(), TestingClock.CLOCK);
            Javalin app = new PulseServer(database, PulseConfig.defaults(), Catalogue.standard(), users, TestingClock.CLOCK, true)
                    .start("127.0.0.1", 0, keys);
            try {
                int port = ((org.eclipse.jetty.server.ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                try (InputStream in = Files.newInputStream(resource("test-cert.pem"))) {
                    trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
                TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trusted.init(trust);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, trusted.getTrustManagers(), null);
                HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().allValues("Set-Cookie")).allSatisfy(c -> assertThat(c).contains("; Secure").contains("HttpOnly"));
                assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
                assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .build(), HttpResponse.BodyHandlers.ofString())).as("no plain HTTP on the port").isInstanceOf(java.io.IOException.class);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void aKeyOrCertificateThatCannotBeUsedIsAUserErrorNamingTheFile() throws Exception {
        Path cert = resource("test-cert.pem");
        Path key = resource("test-key.pem");
        assertThatThrownBy(() -> TlsKeys.load(cert, resource("test-key-pkcs1.pem"))).isInstanceOf(TlsKeys.TlsException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> TlsKeys.load(key, key)).isInstanceOf(TlsKeys.TlsException.class).hasMessageContaining("--tls-cert");
        assertThatThrownBy(() -> TlsKeys.load(cert, cert)).isInstanceOf(TlsKeys.TlsException.class).hasMessageContaining("--tls-key");
    }
}
