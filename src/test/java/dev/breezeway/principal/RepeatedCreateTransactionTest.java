package dev.breezeway.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Safety of a create against a transaction the database driver repeats after a lost connection, without
 * changing the wire answer: the repeat of the same call (same request token) answers the principal its
 * first, committed attempt made; any other create of the login is {@code duplicate}.
 */
class RepeatedCreateTransactionTest {
    private static TestServer server;
    private static Session admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        long adminId = TestPrincipals.queryLong(server, "SELECT principal_id FROM principal WHERE login = ?",
                TestServer.ADMIN_LOGIN);
        admin = new Session(1, adminId, TestPrincipals.accountId(server), PrincipalType.USER, TestServer.ADMIN_LOGIN,
                "Administrator", false, () -> 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] token() {
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        return t;
    }

    @Test
    void theSameTransactionRepeatedAnswersThePrincipalItsFirstAttemptCommitted() {
        PrincipalService core = server.app().principals();
        var u = new PrincipalService.NewUser(PrincipalType.USER, "replayed@example.com", "Re", "Played",
                Optional.of("replayed@example.com"), Optional.empty());
        byte[] token = token();
        Principal first = core.write(admin, u, Face.XML, Optional.empty(), token);
        Principal repeated = core.write(admin, u, Face.XML, Optional.empty(), token);
        assertThat(repeated.principalId()).isEqualTo(first.principalId());
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?",
                "replayed@example.com")).isEqualTo(1);
    }

    @Test
    void anotherCallWithTheSameLoginIsDuplicate() {
        PrincipalService core = server.app().principals();
        var u = new PrincipalService.NewUser(PrincipalType.USER, "other.call@example.com", "Ot", "Her",
                Optional.empty(), Optional.empty());
        core.write(admin, u, Face.XML, Optional.empty(), token());
        assertThatThrownBy(() -> core.write(admin, u, Face.XML, Optional.empty(), token()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.invalids().get(0).subcode()).isEqualTo(InvalidSubcode.DUPLICATE));
    }
}
