package dev.breezeway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breezeway.config.ConfigException;
import dev.breezeway.db.Database;
import dev.breezeway.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One secret key per database: a node with another key, or one about to create a second key file, stops. */
class SecretKeyGuardTest {
    private static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String KEY_B = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=";

    private static Database fresh() {
        TestDatabase t = TestDatabase.get();
        return Database.open(t.newDatabase(), t.user(), t.password(), 2, Optional.empty());
    }

    @Test
    void theFirstKeyIsRecordedAndAnotherKeyIsRefusedNamingTheSetting(@TempDir Path dir) {
        try (Database db = fresh()) {
            SecretKeyGuard.open(db.dsl(), Optional.of(KEY_A), dir);
            SecretKeyGuard.open(db.dsl(), Optional.of(KEY_A), dir.resolve("other-node"));  // same key: fine
            assertThatThrownBy(() -> SecretKeyGuard.open(db.dsl(), Optional.of(KEY_B), dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the secret key of this node (BREEZEWAY_SECRET_KEY")
                    .hasMessageContaining("is not the database's")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_A).doesNotContain(KEY_B));
        }
    }

    @Test
    void aSecondNodeWithoutAKeyDoesNotCreateASecondKeyFile(@TempDir Path dir) {
        Path first = dir.resolve("node1");
        Path second = dir.resolve("node2");
        try (Database db = fresh()) {
            SecretKeyGuard.open(db.dsl(), Optional.empty(), first);  // creates node1/secret.key
            assertThat(first.resolve("secret.key")).exists();
            SecretKeyGuard.open(db.dsl(), Optional.empty(), first);  // its own file again: fine
            assertThatThrownBy(() -> SecretKeyGuard.open(db.dsl(), Optional.empty(), second))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("refusing to create a second key");
            assertThat(second.resolve("secret.key")).doesNotExist();
            // the first node's key given to the second one through the environment: fine
            String key = readKey(first);
            SecretKeyGuard.open(db.dsl(), Optional.of(key), second);
        }
    }

    private static String readKey(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("secret.key")).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
