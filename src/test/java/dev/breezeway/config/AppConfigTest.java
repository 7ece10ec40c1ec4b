package dev.breezeway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @Test
    void defaultsServePort8080WithEmbeddedDataInDotData() {
        AppConfig c = AppConfig.fromMap(Map.of());
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.dbUrl()).isEmpty();
        assertThat(c.adminPassword()).isEmpty();
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.sessionCacheTtl()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theHashQueueDefaultsTo32PerHashThreadAndIsValidated() {
        AppConfig c = AppConfig.fromMap(Map.of());
        assertThat(c.hashQueue()).isEqualTo(32 * Math.max(2, Runtime.getRuntime().availableProcessors()));
        assertThat(c.hashWait()).isEqualTo(Duration.ofSeconds(2));
        AppConfig set = AppConfig.fromMap(Map.of("BREEZEWAY_HASH_QUEUE", "2", "BREEZEWAY_HASH_WAIT_MILLIS", "500"));
        assertThat(set.hashQueue()).isEqualTo(2);
        assertThat(set.hashWait()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_HASH_QUEUE", "0", "BREEZEWAY_HASH_WAIT_MILLIS", "5")))
                .hasMessageContaining("BREEZEWAY_HASH_QUEUE must be between 1 and 100000, got 0")
                .hasMessageContaining("BREEZEWAY_HASH_WAIT_MILLIS must be between 10 and 600000, got 5");
    }

    @Test
    void auditEventsAreKeptAYearByDefaultAndTheRetentionIsValidated() {
        assertThat(AppConfig.fromMap(Map.of()).auditRetentionDays()).isEqualTo(365);
        assertThat(AppConfig.fromMap(Map.of("BREEZEWAY_AUDIT_RETENTION_DAYS", "30")).auditRetentionDays()).isEqualTo(30);
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_AUDIT_RETENTION_DAYS", "0")))
                .hasMessageContaining("BREEZEWAY_AUDIT_RETENTION_DAYS must be between 1 and 36500, got 0");
    }

    @Test
    void smtpIsOffByDefaultAndItsSettingsAreValidated() {
        var off = AppConfig.fromMap(Map.of()).mail();
        assertThat(off.enabled()).isFalse();
        assertThat(off.poll()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(off.backoff(1)).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(off.backoff(2)).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(off.backoff(30)).isEqualTo(java.time.Duration.ofMinutes(10));
        var tls = AppConfig.fromMap(Map.of("BREEZEWAY_SMTP_HOST", "smtp.example.com", "BREEZEWAY_SMTP_TLS", "tls",
                "BREEZEWAY_SMTP_USER", "u", "BREEZEWAY_SMTP_PASSWORD", "p", "BREEZEWAY_SMTP_FROM", "id@example.com")).mail();
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.port()).isEqualTo(465);
        assertThat(tls.tls()).isEqualTo(dev.breezeway.config.MailConfig.Tls.TLS);
        assertThat(tls.toString()).doesNotContain("=p,").contains("password=***");
        assertThat(AppConfig.fromMap(Map.of("BREEZEWAY_SMTP_HOST", "h", "BREEZEWAY_SMTP_TLS", "starttls")).mail().port())
                .isEqualTo(587);
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_SMTP_HOST", "h", "BREEZEWAY_SMTP_TLS", "ssl",
                "BREEZEWAY_SMTP_FROM", "nobody", "BREEZEWAY_SMTP_USER", "u", "BREEZEWAY_SMTP_PORT", "70000")))
                .hasMessageContaining("BREEZEWAY_SMTP_TLS must be none, starttls or tls, got 'ssl'")
                .hasMessageContaining("BREEZEWAY_SMTP_FROM must be a mail address")
                .hasMessageContaining("BREEZEWAY_SMTP_USER and BREEZEWAY_SMTP_PASSWORD go together")
                .hasMessageContaining("BREEZEWAY_SMTP_PORT must be between 1 and 65535, got 70000");
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_SMTP_PORT", "25")))
                .hasMessageContaining("need BREEZEWAY_SMTP_HOST");
    }

    @Test
    void portZeroIsAllowedToPickAFreePort() {
        assertThat(AppConfig.fromMap(Map.of("BREEZEWAY_HTTP_PORT", "0")).httpPort()).isZero();
    }

    @Test
    void everyBadValueIsReportedAtOnceWithItsName() {
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of(
                "BREEZEWAY_HTTP_PORT", "eighty",
                "BREEZEWAY_SESSION_IDLE_MINUTES", "0",
                "BREEZEWAY_DB_URL", "jdbc:postgresql://x/y")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BREEZEWAY_HTTP_PORT must be a whole number, got 'eighty'")
                .hasMessageContaining("BREEZEWAY_SESSION_IDLE_MINUTES must be between 1 and")
                .hasMessageContaining("BREEZEWAY_DB_URL must be a jdbc:mariadb:// URL");
    }

    @Test
    void portOutOfRangeIsRefused() {
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_HTTP_PORT", "70000")))
                .hasMessageContaining("BREEZEWAY_HTTP_PORT must be between 0 and 65535, got 70000");
    }

    @Test
    void propertiesFileIsReadAndEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("breezeway.properties");
        Files.writeString(file, "BREEZEWAY_HTTP_PORT=9090\nBREEZEWAY_ADMIN_LOGIN=root@example.com\n");
        AppConfig c = AppConfig.fromSources(Map.of("BREEZEWAY_CONFIG", file.toString(), "BREEZEWAY_HTTP_PORT", "9191"),
                Optional.empty());
        assertThat(c.httpPort()).isEqualTo(9191);
        assertThat(c.adminLogin()).isEqualTo("root@example.com");
    }

    @Test
    void fallbackPropertiesFileIsUsedWhenNoneIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("breezeway.properties");
        Files.writeString(file, "BREEZEWAY_DB_URL=jdbc:mariadb://db.internal:3306/breezeway\n");
        AppConfig c = AppConfig.fromSources(Map.of(), Optional.of(file));
        assertThat(c.dbUrl()).contains("jdbc:mariadb://db.internal:3306/breezeway");
    }

    @Test
    void missingPropertiesFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> AppConfig.fromSources(Map.of("BREEZEWAY_CONFIG", dir.resolve("nope").toString()),
                Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read configuration file");
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        AppConfig c = AppConfig.fromSources(Map.of("PATH", "/usr/bin", "HOME", "/root"), Optional.empty());
        assertThat(c.httpPort()).isEqualTo(8080);
    }

    @Test
    void logFormatIsTextOrJson() {
        assertThat(AppConfig.fromMap(Map.of()).logFormat()).isEqualTo(dev.breezeway.log.LogFormat.TEXT);
        assertThat(AppConfig.fromMap(Map.of("BREEZEWAY_LOG_FORMAT", "json")).logFormat())
                .isEqualTo(dev.breezeway.log.LogFormat.JSON);
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_LOG_FORMAT", "xml")))
                .hasMessageContaining("BREEZEWAY_LOG_FORMAT must be text or json, got 'xml'");
    }

    @Test
    void metricsPortIsOptionalAndNotTheHttpPort() {
        assertThat(AppConfig.fromMap(Map.of()).metricsPort()).isEmpty();
        assertThat(AppConfig.fromMap(Map.of("BREEZEWAY_METRICS_PORT", "9400")).metricsPort()).hasValue(9400);
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_METRICS_PORT", "8080")))
                .hasMessageContaining("BREEZEWAY_METRICS_PORT must differ from BREEZEWAY_HTTP_PORT (8080)");
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_METRICS_PORT", "70000")))
                .hasMessageContaining("BREEZEWAY_METRICS_PORT must be between 0 and 65535, got 70000");
    }

    @Test
    void anUnknownBreezewayKeyStopsTheStartNamingItAndTheClosestKnownKey() {
        assertThatThrownBy(() -> AppConfig.fromSources(Map.of("BREEZEWAY_HTTP_PROT", "9090"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BREEZEWAY_HTTP_PROT is not a setting of Breezeway")
                .hasMessageContaining("did you mean BREEZEWAY_HTTP_PORT?");
    }

    @Test
    void anUnknownKeyInThePropertiesFileIsReportedToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("breezeway.properties");
        Files.writeString(file, "BREEZEWAY_LIST_LIMTI=5\n");
        assertThatThrownBy(() -> AppConfig.fromSources(Map.of(), Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BREEZEWAY_LIST_LIMTI is not a setting")
                .hasMessageContaining("BREEZEWAY_LIST_LIMIT");
    }

    @Test
    void theTestSuitesOwnKeysAndEveryKnownKeyAreAccepted() {
        AppConfig c = AppConfig.fromSources(Map.of("BREEZEWAY_TEST_DB_URL", "jdbc:mariadb://h/db",
                "BREEZEWAY_STOP_TIMEOUT_SECONDS", "5", "BREEZEWAY_HTTP_PORT", "9090"), Optional.empty());
        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(AppConfig.knownKeys()).contains(AppConfig.SECRET_KEY, AppConfig.CONFIG_FILE,
                AppConfig.STOP_TIMEOUT_SECONDS).doesNotContain(AppConfig.NOT_A_SETTING_PREFIX);
    }

    @Test
    void aSecretKeyThatIsNot32BytesOfBase64StopsTheStartNamingIt() {
        for (String bad : new String[] {"not base64 at all!", "c2hvcnQ=", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMQ=="}) {
            assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_SECRET_KEY", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("BREEZEWAY_SECRET_KEY must be 32 random bytes in base64")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
        }
        assertThat(AppConfig.fromMap(Map.of("BREEZEWAY_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="))
                .secretKey()).isPresent();
    }

    @Test
    void theStopTimeoutDefaultsTo30SecondsAndIsValidated() {
        assertThat(AppConfig.fromMap(Map.of()).stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> AppConfig.fromMap(Map.of("BREEZEWAY_STOP_TIMEOUT_SECONDS", "-1")))
                .hasMessageContaining("BREEZEWAY_STOP_TIMEOUT_SECONDS must be between 0 and 3600");
    }
}
