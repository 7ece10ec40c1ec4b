package dev.breezeway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import dev.breezeway.log.LogFormat;
import java.util.Properties;

/**
 * Every setting of the server, read once at start-up from environment variables (or a properties
 * file with the same keys) and validated, e.g. {@code BREEZEWAY_HTTP_PORT=0} picks a free port.
 */
public record AppConfig(
        String httpHost,
        int httpPort,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int dbBufferPoolMb,
        int dbStatementSeconds,
        int bulkWriters,
        String adminLogin,
        Optional<String> adminPassword,
        Duration sessionIdleTimeout,
        Duration sessionMaxLifetime,
        Duration sessionCacheTtl,
        Duration clusterPoll,
        int detailCacheEntries,
        Duration detailCacheTtl,
        int maxRequestBytes,
        int maxParamChars,
        int listLimit,
        int loginMaxFailures,
        int loginMaxFailuresPerAddress,
        int loginMaxFailuresPerLogin,
        int loginMaxVerificationsPerRequest,
        Duration loginLockWindow,
        int hashQueue,
        Duration hashWait,
        Optional<String> secretKey,
        LogFormat logFormat,
        OptionalInt metricsPort,
        Duration stopTimeout,
        int auditRetentionDays,
        MailConfig mail,
        RecoveryConfig recovery,
        HeaderAuthConfig headerAuth) {

    public static final String CONFIG_FILE = "BREEZEWAY_CONFIG";
    public static final String HTTP_HOST = "BREEZEWAY_HTTP_HOST";
    public static final String HTTP_PORT = "BREEZEWAY_HTTP_PORT";
    public static final String DATA_DIR = "BREEZEWAY_DATA_DIR";
    public static final String DB_URL = "BREEZEWAY_DB_URL";
    public static final String DB_USER = "BREEZEWAY_DB_USER";
    public static final String DB_PASSWORD = "BREEZEWAY_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "BREEZEWAY_DB_POOL_SIZE";
    public static final String DB_BUFFER_POOL_MB = "BREEZEWAY_DB_BUFFER_POOL_MB";
    public static final String DB_STATEMENT_SECONDS = "BREEZEWAY_DB_STATEMENT_SECONDS";
    public static final String BULK_WRITERS = "BREEZEWAY_BULK_WRITERS";
    public static final String ADMIN_LOGIN = "BREEZEWAY_ADMIN_LOGIN";
    public static final String ADMIN_PASSWORD = "BREEZEWAY_ADMIN_PASSWORD";
    public static final String SESSION_IDLE_MINUTES = "BREEZEWAY_SESSION_IDLE_MINUTES";
    public static final String SESSION_MAX_HOURS = "BREEZEWAY_SESSION_MAX_HOURS";
    public static final String SESSION_CACHE_SECONDS = "BREEZEWAY_SESSION_CACHE_SECONDS";
    /** How often a node reads what other nodes changed (db/ChangeFeed); 0: never (one node alone). */
    public static final String CLUSTER_POLL_MILLIS = "BREEZEWAY_CLUSTER_POLL_MILLIS";
    public static final String DETAIL_CACHE_ENTRIES = "BREEZEWAY_DETAIL_CACHE_ENTRIES";
    public static final String DETAIL_CACHE_SECONDS = "BREEZEWAY_DETAIL_CACHE_SECONDS";
    public static final String MAX_REQUEST_BYTES = "BREEZEWAY_MAX_REQUEST_BYTES";
    public static final String MAX_PARAM_CHARS = "BREEZEWAY_MAX_PARAM_CHARS";
    public static final String LIST_LIMIT = "BREEZEWAY_LIST_LIMIT";
    public static final String LOGIN_MAX_FAILURES = "BREEZEWAY_LOGIN_MAX_FAILURES";
    public static final String LOGIN_MAX_FAILURES_PER_ADDRESS = "BREEZEWAY_LOGIN_MAX_FAILURES_PER_ADDRESS";
    public static final String LOGIN_MAX_FAILURES_PER_LOGIN = "BREEZEWAY_LOGIN_MAX_FAILURES_PER_LOGIN";
    public static final String LOGIN_MAX_VERIFICATIONS_PER_REQUEST = "BREEZEWAY_LOGIN_MAX_VERIFICATIONS_PER_REQUEST";
    public static final String LOGIN_LOCK_MINUTES = "BREEZEWAY_LOGIN_LOCK_MINUTES";
    public static final String HASH_QUEUE = "BREEZEWAY_HASH_QUEUE";
    public static final String HASH_WAIT_MILLIS = "BREEZEWAY_HASH_WAIT_MILLIS";
    public static final String SECRET_KEY = "BREEZEWAY_SECRET_KEY";
    public static final String LOG_FORMAT = "BREEZEWAY_LOG_FORMAT";
    public static final String METRICS_PORT = "BREEZEWAY_METRICS_PORT";
    public static final String STOP_TIMEOUT_SECONDS = "BREEZEWAY_STOP_TIMEOUT_SECONDS";

    /**
     * Environment keys with this prefix are not settings of the server (the test suite's
     * {@code BREEZEWAY_TEST_DB_URL} and friends) and are never reported as unknown.
     */
    public static final String NOT_A_SETTING_PREFIX = "BREEZEWAY_TEST_";
    /** Days an audit event is kept; older ones are purged by the periodic housekeeping. */
    public static final String AUDIT_RETENTION_DAYS = "BREEZEWAY_AUDIT_RETENTION_DAYS";

    /** The SMTP server mail is delivered to; without it mail stays in the outbox as undelivered. */
    public static final String SMTP_HOST = "BREEZEWAY_SMTP_HOST";
    /** Its port: 25 for {@code none}, 587 for {@code starttls}, 465 for {@code tls} unless given. */
    public static final String SMTP_PORT = "BREEZEWAY_SMTP_PORT";
    /** The SMTP user (AUTH); none → no authentication. */
    public static final String SMTP_USER = "BREEZEWAY_SMTP_USER";
    public static final String SMTP_PASSWORD = "BREEZEWAY_SMTP_PASSWORD";
    /** The sender address (From) of every mail. */
    public static final String SMTP_FROM = "BREEZEWAY_SMTP_FROM";
    /** {@code none}, {@code starttls} or {@code tls}. */
    public static final String SMTP_TLS = "BREEZEWAY_SMTP_TLS";
    /** How often the mail worker looks for due mail, in milliseconds. */
    public static final String MAIL_POLL_MILLIS = "BREEZEWAY_MAIL_POLL_MILLIS";
    /** Attempts at one mail before it is marked failed. */
    public static final String MAIL_MAX_ATTEMPTS = "BREEZEWAY_MAIL_MAX_ATTEMPTS";
    /** The wait after the first failed attempt, in seconds; doubled after each further one, at most 10 minutes. */
    public static final String MAIL_RETRY_SECONDS = "BREEZEWAY_MAIL_RETRY_SECONDS";

    /** Where users reach the server (e.g. {@code https://idm.example.com}): the base of the links in its mails. */
    public static final String PUBLIC_URL = "BREEZEWAY_PUBLIC_URL";
    public static final String TEMPORARY_PASSWORD_HOURS = "BREEZEWAY_TEMPORARY_PASSWORD_HOURS";
    public static final String RECOVERY_LINK_MINUTES = "BREEZEWAY_RECOVERY_LINK_MINUTES";
    public static final String WELCOME_LINK_HOURS = "BREEZEWAY_WELCOME_LINK_HOURS";
    public static final String RECOVERY_MAX_PER_ADDRESS = "BREEZEWAY_RECOVERY_MAX_PER_ADDRESS";
    public static final String RECOVERY_MAX_PER_USER = "BREEZEWAY_RECOVERY_MAX_PER_USER";
    /** HTTP header authentication at start-up: the header a trusted proxy names the user in, and the proxies. */
    public static final String HEADER_AUTH_NAME = "BREEZEWAY_HEADER_AUTH_NAME";
    public static final String HEADER_AUTH_TRUSTED = "BREEZEWAY_HEADER_AUTH_TRUSTED";

    /** The time limit of one SQL statement unless {@code BREEZEWAY_DB_STATEMENT_SECONDS} says otherwise. */
    public static final int DEFAULT_STATEMENT_SECONDS = 10;

    /** Logins that may wait for or run their password check at once, per hash thread, by default. */
    public static final int DEFAULT_HASH_QUEUE_PER_THREAD = 32;
    /** How long a request waits for a hash thread before it is refused, by default. */
    public static final int DEFAULT_HASH_WAIT_MILLIS = 2000;

    /** The threads that compute password hashes: one per core, at least two. */
    public static int hashThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Reads the process environment, layered over the properties file named by {@code BREEZEWAY_CONFIG} if any. */
    public static AppConfig fromEnvironment() {
        return fromSources(System.getenv(), Optional.empty());
    }

    /**
     * Reads {@code env}, layered over a properties file: the one named by {@code BREEZEWAY_CONFIG} in env,
     * else {@code fallbackFile}. Environment values win over the file.
     */
    public static AppConfig fromSources(Map<String, String> env, Optional<Path> fallbackFile) {
        Map<String, String> merged = new HashMap<>();
        Optional<Path> file = Optional.ofNullable(env.get(CONFIG_FILE)).filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> fallbackFile);
        file.ifPresent(f -> merged.putAll(ConfigFile.read(f)));
        env.forEach((k, v) -> {
            if (k.startsWith("BREEZEWAY_") && !k.startsWith(NOT_A_SETTING_PREFIX)) {
                merged.put(k, v);
            }
        });
        List<String> unknown = unknownKeys(merged.keySet());
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown);
        }
        return fromMap(merged);
    }

    /** Every key the server reads: the {@code BREEZEWAY_*} constants of this class. */
    public static java.util.SortedSet<String> knownKeys() {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        for (java.lang.reflect.Field f : AppConfig.class.getFields()) {
            int m = f.getModifiers();
            if (java.lang.reflect.Modifier.isStatic(m) && java.lang.reflect.Modifier.isFinal(m)
                    && f.getType() == String.class) {
                try {
                    String v = (String) f.get(null);
                    if (v.startsWith("BREEZEWAY_") && !v.equals(NOT_A_SETTING_PREFIX)) {
                        keys.add(v);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    /** One message per key that is no setting, naming the closest known key when one is near. */
    static List<String> unknownKeys(java.util.Collection<String> keys) {
        java.util.SortedSet<String> known = knownKeys();
        List<String> problems = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(keys)) {
            if (!known.contains(k)) {
                String closest = null;
                int best = Integer.MAX_VALUE;
                for (String c : known) {
                    int d = distance(k, c);
                    if (d < best) {
                        best = d;
                        closest = c;
                    }
                }
                problems.add(k + " is not a setting of Breezeway"
                        + (closest != null && best <= 3 ? " (did you mean " + closest + "?)" : ""));
            }
        }
        return problems;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Parses and validates the settings; every problem is reported at once. */
    public static AppConfig fromMap(Map<String, String> values) {
        Reader r = new Reader(values);
        AppConfig config = new AppConfig(
                r.text(HTTP_HOST, "0.0.0.0"),
                r.integer(HTTP_PORT, 8080, 0, 65535),
                Path.of(r.text(DATA_DIR, "./data")),
                r.optional(DB_URL),
                r.text(DB_USER, "root"),
                r.text(DB_PASSWORD, ""),
                r.integer(DB_POOL_SIZE, 16, 1, 500),
                r.integer(DB_BUFFER_POOL_MB, 256, 32, 1024 * 1024),
                r.integer(DB_STATEMENT_SECONDS, DEFAULT_STATEMENT_SECONDS, 1, 3600),
                r.integer(BULK_WRITERS, Runtime.getRuntime().availableProcessors(), 1, 500),
                r.text(ADMIN_LOGIN, "admin"),
                r.optional(ADMIN_PASSWORD),
                Duration.ofMinutes(r.integer(SESSION_IDLE_MINUTES, 30, 1, 60 * 24 * 30)),
                Duration.ofHours(r.integer(SESSION_MAX_HOURS, 12, 1, 24 * 365)),
                Duration.ofSeconds(r.integer(SESSION_CACHE_SECONDS, 2, 0, 60)),
                Duration.ofMillis(r.integer(CLUSTER_POLL_MILLIS, 250, 0, 60_000)),
                r.integer(DETAIL_CACHE_ENTRIES, 10_000, 0, 10_000_000),
                Duration.ofSeconds(r.integer(DETAIL_CACHE_SECONDS, 60, 1, 3600)),
                r.integer(MAX_REQUEST_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
                r.integer(MAX_PARAM_CHARS, 64 * 1024, 256, 16 * 1024 * 1024),
                r.integer(LIST_LIMIT, 10_000, 1, 1_000_000),
                r.integer(LOGIN_MAX_FAILURES, 5, 1, 1000),
                r.integer(LOGIN_MAX_FAILURES_PER_ADDRESS, 20, 1, 100_000),
                r.integer(LOGIN_MAX_FAILURES_PER_LOGIN, 100, 1, 100_000),
                r.integer(LOGIN_MAX_VERIFICATIONS_PER_REQUEST, 5, 1, 1000),
                Duration.ofMinutes(r.integer(LOGIN_LOCK_MINUTES, 15, 1, 24 * 60)),
                r.integer(HASH_QUEUE, DEFAULT_HASH_QUEUE_PER_THREAD * hashThreads(), 1, 100_000),
                Duration.ofMillis(r.integer(HASH_WAIT_MILLIS, DEFAULT_HASH_WAIT_MILLIS, 10, 600_000)),
                r.optional(SECRET_KEY),
                r.logFormat(LOG_FORMAT),
                r.optionalInteger(METRICS_PORT, 0, 65535),
                Duration.ofSeconds(r.integer(STOP_TIMEOUT_SECONDS, 30, 0, 3600)),
                r.integer(AUDIT_RETENTION_DAYS, 365, 1, 36_500),
                r.mail(),
                r.recovery(r.integer(HTTP_PORT, 8080, 0, 65535)),
                HeaderAuthConfig.read(r.optional(HEADER_AUTH_NAME), r.optional(HEADER_AUTH_TRUSTED), r.problems));
        config.metricsPort().ifPresent(p -> {
            if (p == config.httpPort() && p != 0) {
                r.problems.add(METRICS_PORT + " must differ from " + HTTP_PORT + " (" + p + ")");
            }
        });
        config.secretKey().ifPresent(key -> {
            if (!isKey(key)) {
                r.problems.add(SECRET_KEY + " must be 32 random bytes in base64 (e.g. the output of "
                        + "'openssl rand -base64 32'); the value given is not");
            }
        });
        config.dbUrl().filter(url -> !url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:"))
                .ifPresent(url -> r.problems.add(DB_URL + " must be a jdbc:mariadb:// URL, got '" + url + "'"));
        if (config.loginMaxFailuresPerAddress() < config.loginMaxFailures()
                || config.loginMaxFailuresPerLogin() < config.loginMaxFailures()) {
            r.problems.add(LOGIN_MAX_FAILURES_PER_ADDRESS + " and " + LOGIN_MAX_FAILURES_PER_LOGIN
                    + " must be at least " + LOGIN_MAX_FAILURES);
        }
        if (config.adminLogin().isBlank() || config.adminLogin().length() > 60) {
            r.problems.add(ADMIN_LOGIN + " must be 1 to 60 characters");
        }
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return config;
    }

    private static boolean isKey(String base64) {
        try {
            return java.util.Base64.getDecoder().decode(base64.strip()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final class Reader {
        private final Map<String, String> values;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        Optional<String> optional(String key) {
            return Optional.ofNullable(values.get(key)).map(String::trim).filter(s -> !s.isEmpty());
        }

        LogFormat logFormat(String key) {
            Optional<String> raw = optional(key);
            Optional<LogFormat> f = raw.flatMap(LogFormat::parse);
            if (raw.isPresent() && f.isEmpty()) {
                problems.add(key + " must be text or json, got '" + raw.get() + "'");
            }
            return f.orElse(LogFormat.TEXT);
        }

        MailConfig mail() {
            Optional<String> rawTls = optional(SMTP_TLS);
            Optional<MailConfig.Tls> tls = rawTls.flatMap(MailConfig.Tls::parse);
            if (rawTls.isPresent() && tls.isEmpty()) {
                problems.add(SMTP_TLS + " must be none, starttls or tls, got '" + rawTls.get() + "'");
            }
            MailConfig.Tls t = tls.orElse(MailConfig.Tls.NONE);
            Optional<String> host = optional(SMTP_HOST);
            String from = text(SMTP_FROM, "breezeway@localhost");
            if (!from.matches("[^\\s@<>\"]+@[^\\s@<>\"]+")) {
                problems.add(SMTP_FROM + " must be a mail address (name@domain), got '" + from + "'");
            }
            Optional<String> user = optional(SMTP_USER);
            Optional<String> password = optional(SMTP_PASSWORD);
            if (user.isPresent() != password.isPresent()) {
                problems.add(SMTP_USER + " and " + SMTP_PASSWORD + " go together");
            }
            if (host.isEmpty() && (optional(SMTP_PORT).isPresent() || user.isPresent())) {
                problems.add(SMTP_PORT + " and " + SMTP_USER + " need " + SMTP_HOST);
            }
            return new MailConfig(host, integer(SMTP_PORT, t.defaultPort(), 1, 65535), user, password, from, t,
                    Duration.ofMillis(integer(MAIL_POLL_MILLIS, 1000, 10, 60_000)),
                    integer(MAIL_MAX_ATTEMPTS, 10, 1, 100),
                    Duration.ofSeconds(integer(MAIL_RETRY_SECONDS, 5, 1, 600)));
        }

        RecoveryConfig recovery(int httpPort) {
            String raw = text(PUBLIC_URL, "http://localhost" + (httpPort == 0 ? "" : ":" + httpPort));
            java.net.URI url = java.net.URI.create("http://localhost");
            try {
                url = new java.net.URI(raw);
                if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                        || url.getQuery() != null || url.getFragment() != null) {
                    problems.add(PUBLIC_URL + " must be an http(s) URL without query, e.g. https://idm.example.com, got '"
                            + raw + "'");
                }
            } catch (java.net.URISyntaxException e) {
                problems.add(PUBLIC_URL + " must be an http(s) URL, e.g. https://idm.example.com, got '" + raw + "'");
            }
            return new RecoveryConfig(url,
                    Duration.ofHours(integer(TEMPORARY_PASSWORD_HOURS, 72, 1, 24 * 365)),
                    Duration.ofMinutes(integer(RECOVERY_LINK_MINUTES, 60, 5, 7 * 24 * 60)),
                    Duration.ofHours(integer(WELCOME_LINK_HOURS, 168, 1, 24 * 365)),
                    integer(RECOVERY_MAX_PER_ADDRESS, 20, 1, 100_000),
                    integer(RECOVERY_MAX_PER_USER, 3, 1, 1000));
        }

        OptionalInt optionalInteger(String key, int min, int max) {
            return optional(key).isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer(key, min, min, max));
        }

        String text(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        int integer(String key, int fallback, int min, int max) {
            Optional<String> raw = optional(key);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int v = Integer.parseInt(raw.get());
                if (v < min || v > max) {
                    problems.add(key + " must be between " + min + " and " + max + ", got " + v);
                    return fallback;
                }
                return v;
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number, got '" + raw.get() + "'");
                return fallback;
            }
        }
    }
}
