package dev.breezeway.auth;

import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One secret key per database: the first node records the SHA-256 of its key in the database; a node
 * whose key differs — or that would create a second {@code secret.key} next to a database that already
 * has a key — refuses to start, instead of writing smartcard numbers other nodes cannot read.
 */
public final class SecretKeyGuard {
    private static final Table<?> TABLE = DSL.table(DSL.name("secret_key_fingerprint"));
    private static final Field<Byte> ID = DSL.field(DSL.name("id"), SQLDataType.TINYINT);
    private static final Field<byte[]> FINGERPRINT = DSL.field(DSL.name("fingerprint"), SQLDataType.BINARY(32));
    private static final Field<LocalDateTime> RECORDED_AT = DSL.field(DSL.name("recorded_at"),
            SQLDataType.LOCALDATETIME(6));

    private SecretKeyGuard() {
    }

    /**
     * Opens the node's key ({@code configuredKey}, else {@code <dataDir>/secret.key}) after checking it
     * against the database's; records it when the database has none yet.
     *
     * @throws ConfigException when the keys differ or a second key file would be created
     */
    public static SecretBox open(DSLContext db, Optional<String> configuredKey, Path dataDir) {
        Optional<byte[]> recorded = recorded(db);
        if (configuredKey.isEmpty() && !SecretBox.hasKeyFile(dataDir) && recorded.isPresent()) {
            throw new ConfigException(List.of(AppConfig.SECRET_KEY + " is not set and " + dataDir.resolve("secret.key")
                    + " does not exist, but the database already has a key (fingerprint " + shortHex(recorded.get())
                    + "): refusing to create a second key; give every node the same " + AppConfig.SECRET_KEY));
        }
        SecretBox box = SecretBox.open(configuredKey, dataDir);
        byte[] mine = box.keyFingerprint();
        if (recorded.isEmpty()) {
            db.insertInto(TABLE).set(ID, (byte) 1).set(FINGERPRINT, mine)
                    .set(RECORDED_AT, LocalDateTime.now(ZoneOffset.UTC)).onDuplicateKeyIgnore().execute();
            recorded = recorded(db);  // another node may have recorded its key at the same moment
        }
        if (recorded.isPresent() && !Arrays.equals(recorded.get(), mine)) {
            String source = configuredKey.isPresent() ? AppConfig.SECRET_KEY : dataDir.resolve("secret.key").toString();
            throw new ConfigException(List.of("the secret key of this node (" + source + ", fingerprint "
                    + shortHex(mine) + ") is not the database's (fingerprint " + shortHex(recorded.get())
                    + "): give every node the same " + AppConfig.SECRET_KEY));
        }
        return box;
    }

    private static Optional<byte[]> recorded(DSLContext db) {
        return db.select(FINGERPRINT).from(TABLE).where(ID.eq((byte) 1)).fetchOptional(r -> r.value1());
    }

    private static String shortHex(byte[] fingerprint) {
        return HexFormat.of().formatHex(fingerprint, 0, 8);
    }
}
