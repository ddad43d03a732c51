package dev.pulse.access;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestUserStore {
    private static final String PASSWORD = "correct horse battery staple";
    Database database;
    UserStore store;

    @BeforeAll
    void open(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,partner_id", "P1,partner,", "C1,customer,P1", "C2,customer,");
        database = folder.open();
        folder.importInto(database, PulseConfig.defaults());
        store = new UserStore(database, new PasswordHasher(), TestingClock.CLOCK);
        store.add("test", "Ana@Example.com ", Role.ANALYST, null, PASSWORD);
        store.add("test", "ventas@socio.cl", Role.PARTNER, "P1", PASSWORD);
    }

    @AfterAll
    void close() throws Exception {
        database.close();
    }

    @Test
    void aUserLogsInWithTheirPasswordAndNoOtherAndAnUnknownUserLooksTheSame() throws Exception {
        assertThat(store.login("ana@example.com", PASSWORD)).hasValueSatisfying(user -> {
            assertThat(user.role()).isEqualTo(Role.ANALYST);
            assertThat(user.partnerId()).isNull();
        });
        assertThat(store.login(" ANA@example.com", PASSWORD)).isPresent();
        assertThat(store.login("ana@example.com", PASSWORD + "!")).isEmpty();
        assertThat(store.login("nobody@example.com", PASSWORD)).isEmpty();
        assertThat(store.login("ana@example.com", null)).isEmpty();
        assertThat(store.login("ventas@socio.cl", PASSWORD)).hasValueSatisfying(user -> assertThat(user.partnerId()).isEqualTo("P1"));
    }

    @Test
    void passwordsAreStoredAsArgon2idHashesOnly() throws Exception {
        List<String> hashes = database.query(Sql.of("SELECT password_hash FROM " + UserStore.USERS)).stream()
                .map(row -> (String) row.get("password_hash")).toList();
        assertThat(hashes).hasSize(2).allSatisfy(hash -> assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD));
        assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1)); // salted
    }

    @Test
    void whatASecondUserMayBeIsChecked() {
        assertThatThrownBy(() -> store.add("test", "x@example.com", Role.VIEWER, null, "too short")).isInstanceOf(UserStore.AccessException.class)
                .hasMessageContaining("12 to 128 characters");
        assertThatThrownBy(() -> store.add("test", "not an e-mail", Role.VIEWER, null, PASSWORD)).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> store.add("test", "ana@example.com", Role.VIEWER, null, PASSWORD)).hasMessageContaining("a user already");
        assertThatThrownBy(() -> store.add("test", "p@example.com", Role.PARTNER, null, PASSWORD)).hasMessageContaining("needs --partner");
        assertThatThrownBy(() -> store.add("test", "p@example.com", Role.PARTNER, "C1", PASSWORD)).hasMessageContaining("not a partner account");
        assertThatThrownBy(() -> store.add("test", "p@example.com", Role.PARTNER, "P9", PASSWORD)).hasMessageContaining("not a partner account");
        assertThatThrownBy(() -> store.add("test", "v@example.com", Role.VIEWER, "P1", PASSWORD)).hasMessageContaining("only a partner user");
    }

    @Test
    void aTokenIsItsUsersUntilRevokedAndIsStoredAsAHash() throws Exception {
        String token = store.createToken("test", "ana@example.com", "etl");
        assertThat(token).startsWith("pulse_").hasSizeGreaterThan(50);
        assertThat(store.authenticate(token)).hasValueSatisfying(user -> assertThat(user.email()).isEqualTo("ana@example.com"));
        assertThat(database.query(Sql.of("SELECT token_hash FROM " + UserStore.TOKENS))).allSatisfy(row ->
                assertThat((String) row.get("token_hash")).doesNotContain(token.substring(20)));
        // forged: a known id with another secret, a changed character, no prefix, nothing
        String id = token.substring(6, token.indexOf('_', 6));
        assertThat(store.authenticate("pulse_" + id + "_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(store.authenticate(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"))).isEmpty();
        assertThat(store.authenticate(token.substring(6))).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate("pulse_' OR 1=1 --_x")).isEmpty();
        store.revokeToken("test", id);
        assertThat(store.authenticate(token)).isEmpty();
        assertThatThrownBy(() -> store.revokeToken("test", id)).hasMessageContaining("no live token");
        assertThat(store.tokens()).anySatisfy(t -> assertThat(t.revokedAt()).isNotNull());
    }

    @Test
    void removingAUserEndsTheirTokensAndEveryChangeIsAudited() throws Exception {
        store.add("test", "temp@example.com", Role.VIEWER, null, PASSWORD);
        String token = store.createToken("test", "temp@example.com", "dashboard");
        store.setPassword("test", "temp@example.com", "another long password");
        assertThat(store.login("temp@example.com", "another long password")).isPresent();
        store.remove("test", "temp@example.com");
        assertThat(store.authenticate(token)).isEmpty();
        assertThat(store.login("temp@example.com", "another long password")).isEmpty();
        assertThat(store.audit()).extracting(UserStore.AuditEntry::action).contains("user added (viewer)", "password set",
                "user removed, with their tokens", "login", "login failed").anyMatch(a -> a.startsWith("token ") && a.endsWith("created (dashboard)"));
    }
}
