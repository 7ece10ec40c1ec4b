package dev.breezeway;

import dev.breezeway.access.Authorizer;
import dev.breezeway.account.AccountStore;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditStore;
import dev.breezeway.principal.Authorizations;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.MembershipStore;
import dev.breezeway.principal.Memberships;
import dev.breezeway.principal.ModernPrincipals;
import dev.breezeway.principal.Policies;
import dev.breezeway.account.Bootstrap;
import dev.breezeway.acl.AclObjectStore;
import dev.breezeway.acl.PermissionService;
import dev.breezeway.acl.PermissionStore;
import dev.breezeway.auth.AuthService;
import dev.breezeway.auth.LoginThrottle;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.auth.PasswordPolicy;
import dev.breezeway.client.ClientService;
import dev.breezeway.client.ClientStore;
import dev.breezeway.client.ClientUserService;
import dev.breezeway.config.AppConfig;
import dev.breezeway.db.Database;
import dev.breezeway.field.AclFieldService;
import dev.breezeway.field.AclFieldStore;
import dev.breezeway.field.CustomFieldService;
import dev.breezeway.field.CustomFieldStore;
import dev.breezeway.http.StaticPageServlet;
import dev.breezeway.http.HealthServlet;
import dev.breezeway.metrics.ActionMetrics;
import dev.breezeway.metrics.LoginMetrics;
import dev.breezeway.metrics.Metrics;
import dev.breezeway.metrics.MetricsServlet;
import dev.breezeway.metrics.RouteMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.iam.IamService;
import dev.breezeway.iam.IamStore;
import dev.breezeway.principal.LastActive;
import dev.breezeway.principal.PrincipalListService;
import dev.breezeway.org.OrgService;
import dev.breezeway.auth.SecretBox;
import java.util.function.Supplier;
import dev.breezeway.role.RoleService;
import dev.breezeway.role.RoleStore;
import dev.breezeway.user.UserService;
import dev.breezeway.rest.RestServlet;
import dev.breezeway.rest.Router;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.Uuids;
import dev.breezeway.session.AnonymousTokens;
import dev.breezeway.session.SessionService;
import dev.breezeway.session.SessionStore;
import dev.breezeway.session.Tokens;
import dev.breezeway.xml.ActionRegistry;
import dev.breezeway.xml.ActionServlet;
import dev.breezeway.xml.BatchRunner;
import dev.breezeway.xml.Dispatcher;
import dev.breezeway.xml.RequestReader;
import dev.breezeway.xml.XmlWriter;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: configuration → database → stores → services → the action table and
 * servlets. The embedded server ({@link Main}), the WAR ({@link WebAppListener}) and the tests all
 * mount exactly {@link #servlets()}.
 */
public final class App implements AutoCloseable {
    public static final String VERSION = "breezeway_0.1.0";
    private static final Logger log = LoggerFactory.getLogger(App.class);

    /** The administration console's files ({@code web/admin/}), the page first. */
    static final List<String> CONSOLE_FILES = List.of("index.html", "console.css", "api.js", "ui.js", "app.js",
            "people.js", "settings.js", "audit.js");

    private final AppConfig config;
    private final Database database;
    private final XmlWriter xmlWriter;
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    private final Router router;
    private final ActionRegistry actionTable;
    private final PrincipalService principalCore;
    private final ScheduledExecutorService housekeeping;
    private final LastActive lastActive;
    private final Metrics metrics;
    private final MetricsServlet metricsServlet;
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    private final AuditStore auditEvents;
    private final Clock clock;
    private final dev.breezeway.mail.MailStore mailStore;
    private final dev.breezeway.mail.MailWorker mailWorker;
    private final dev.breezeway.recovery.PasswordRecovery recovery;
    private final dev.breezeway.db.ChangeFeed changeFeed;

    private App(AppConfig config, Database database, Clock clock, Metrics metrics) {
        this.config = config;
        this.database = database;
        this.metrics = metrics;
        DSLContext db = database.dsl();
        database.trackPool(metrics.poolTracker());
        LoginMetrics loginMetrics = new LoginMetrics(metrics.registry());
        ObjectMapper json = new ObjectMapper();
        JsonNode openApi = readOpenApi(json);
        PasswordHasher hasher = new PasswordHasher(AppConfig.hashThreads(), config.hashQueue(), config.hashWait());
        hasher.bindTo(metrics.registry());
        PasswordPolicy policy = new PasswordPolicy();
        Uuids uuids = new Uuids(clock);
        AccountStore accounts = new AccountStore(db);
        PrincipalStore principals = new PrincipalStore(db);
        MembershipStore memberStore = new MembershipStore(db);
        SessionStore sessionStore = new SessionStore(db);
        // At start, not on first use: a node with another key than the database's refuses to start.
        SecretBox secretBox = dev.breezeway.auth.SecretKeyGuard.open(db, config.secretKey(), config.dataDir());
        Supplier<SecretBox> secrets = () -> secretBox;
        SessionService sessions = new SessionService(sessionStore, new Tokens(),
                new AnonymousTokens(data -> secrets.get().mac(data)), clock, config.sessionIdleTimeout(),
                config.sessionMaxLifetime(), database.writes(), config.sessionCacheTtl());
        Authorizer authorizer = new Authorizer(db);
        AuditLog audit = new AuditLog(db, database.autonomous(), clock);
        this.auditEvents = new AuditStore(db);
        this.clock = clock;
        // Mail: the outbox (written in the callers' transactions) and its worker (delivers after commit).
        this.mailStore = new dev.breezeway.mail.MailStore(db);
        dev.breezeway.mail.MailMetrics mailMetrics = new dev.breezeway.mail.MailMetrics(metrics.registry());
        dev.breezeway.mail.Outbox outbox = new dev.breezeway.mail.Outbox(mailStore, audit, database.afterCommit(),
                mailMetrics, clock, config.mail().from());
        dev.breezeway.mail.SendingService sendings = new dev.breezeway.mail.SendingService(db, mailStore, outbox,
                authorizer);
        this.mailWorker = new dev.breezeway.mail.MailWorker(db, mailStore,
                config.mail().enabled() ? java.util.Optional.of(new dev.breezeway.mail.SmtpSender(config.mail()))
                        : java.util.Optional.empty(),
                config.mail(), audit, mailMetrics, clock);
        // The principal core: the only writer of principals, their credentials, memberships and grants.
        Policies policies = new Policies(db, audit);
        Credentials credentials = new Credentials(db, principals, sessionStore, hasher, policy, policies, authorizer,
                clock, audit, config.recovery().temporaryPassword());
        dev.breezeway.mail.MailTemplates mailTemplates = new dev.breezeway.mail.MailTemplates(db, authorizer, clock);
        dev.breezeway.recovery.AccountMail accountMail = new dev.breezeway.recovery.AccountMail(db, mailTemplates,
                outbox, policies, accounts, principals, credentials, config.recovery(), clock);
        dev.breezeway.recovery.PasswordRecovery recovery = new dev.breezeway.recovery.PasswordRecovery(db, accountMail,
                principals, credentials, audit, config.recovery(), clock);
        this.recovery = recovery;
        dev.breezeway.principal.SignIn signIn = new dev.breezeway.principal.SignIn(db, principals, credentials,
                authorizer, audit, clock);
        PrincipalService principalService = new PrincipalService(db, principals, credentials, policies, uuids, clock,
                authorizer, config.bulkWriters(), audit, accountMail, detailCache("principal-info", config, database));
        Lifecycle lifecycle = new Lifecycle(db, principals, memberStore, credentials, authorizer, uuids, audit);
        Memberships memberships = new Memberships(db, principals, memberStore, authorizer, audit);
        Authorizations authorizations = new Authorizations(db, authorizer, clock, audit);
        ModernPrincipals modern = new ModernPrincipals(db, authorizations, authorizer, clock, audit);
        PrincipalListService principalList = new PrincipalListService(db, config.listLimit(), authorizer);
        LoginThrottle throttle = new LoginThrottle(database.autonomous(), clock, config.loginMaxFailures(),
                config.loginMaxFailuresPerAddress(), config.loginMaxFailuresPerLogin(), config.loginLockWindow(),
                loginMetrics);
        this.lastActive = new LastActive(principals);
        AuthService auth = new AuthService(db, sessions, credentials, hasher, throttle, lastActive, clock, loginMetrics, audit,
                () -> accounts.firstAccountId().orElse(0L));
        dev.breezeway.auth.HeaderAuth headerAuth = new dev.breezeway.auth.HeaderAuth(db, config.headerAuth(), signIn,
                sessions, lastActive, authorizer, audit, clock, () -> accounts.firstAccountId().orElse(0L));
        dev.breezeway.sso.SsoProviders ssoProviders = new dev.breezeway.sso.SsoProviders(db, authorizer, secrets, audit,
                clock, sessionStore);
        dev.breezeway.sso.SsoLogin ssoLogin = new dev.breezeway.sso.SsoLogin(db, ssoProviders, principals,
                new dev.breezeway.principal.Provisioning(principals, uuids, audit), sessions, lastActive, audit,
                config.recovery(), clock);
        AclObjectStore aclObjects = new AclObjectStore(db);
        CustomFieldStore customFieldStore = new CustomFieldStore(db);
        CustomFieldService customFields = new CustomFieldService(db, customFieldStore, clock, audit);
        AclFieldService aclFields = new AclFieldService(db, aclObjects, customFieldStore, new AclFieldStore(db), clock,
                authorizer, audit);
        PermissionService permissions = new PermissionService(db, aclObjects, new PermissionStore(db), clock, audit);

        new Bootstrap(db, accounts, principals, memberStore, hasher, policy, uuids)
                .run(config.adminLogin(), config.adminPassword());

        IamStore iamStore = new IamStore(db, json);
        IamService iam = new IamService(db, iamStore, authorizer, sessionStore, sessions.lifetime(), modern, authorizations, lifecycle,
                credentials, clock, database.writes(), audit, signIn, detailCache("iam-principal", config, database));
        ClientStore clientStore = new ClientStore(db);
        ClientService clients = new ClientService(db, clientStore, lifecycle, authorizations, sessions, authorizer, clock,
                audit);
        ClientUserService clientUsers = new ClientUserService(db, clientStore, clients, principalService, principals, iam,
                lifecycle, authorizer);
        RoleService roles = new RoleService(db, new RoleStore(db), authorizer, audit);
        OrgService org = new OrgService(db, authorizer, secrets, audit);
        UserService users = new UserService(db, principalService, principals, iamStore, authorizer, authorizations,
                credentials, lifecycle);

        if (!config.mail().enabled()) {
            log.info("No {}: mail is kept in the outbox as undelivered (GET /resources/sendings?state=queued)",
                    AppConfig.SMTP_HOST);
        }

        Services services = new Services(config, clock, json, openApi, authorizer, accounts, sessions, auth,
                principalService, principalList, lifecycle, credentials, memberships, customFields, aclFields,
                permissions, iam, clients, clientUsers, roles, org, users, policies, auditEvents, sendings, mailTemplates,
                accountMail, recovery, signIn, headerAuth, ssoProviders);
        ActionRegistry actions = ActionTable.build(services, VERSION);
        this.actionTable = actions;
        this.principalCore = principalService;

        this.xmlWriter = new XmlWriter(dev.breezeway.xml.model.XmlModels.ALL);
        RequestReader reader = new RequestReader(config.maxRequestBytes(), config.maxParamChars());
        Router routes = RouteTable.build(services);
        this.router = routes;
        RestServlet rest = new RestServlet(routes, sessions, json, authorizer, new RouteMetrics(metrics.registry()),
                database.writes());
        servlets.put("/resources/*", rest);
        servlets.put("/auth/*", rest);
        servlets.put("/v1/*", rest);
        servlets.put("/api/v1/*", rest);
        for (String path : List.of("/modifyallusernames", "/modifyrank", "/modifysmartcard", "/multipleusers",
                "/promoteguest", "/togglesuspension", "/user")) {
            servlets.put(path, rest);
        }

        Dispatcher dispatcher = new Dispatcher(actions, authorizer);
        servlets.put("/api/xml", new ActionServlet(dispatcher,
                new BatchRunner(dispatcher, sessions, xmlWriter, db, config.loginMaxVerificationsPerRequest()), sessions, reader, xmlWriter,
                config.listLimit(), new ActionMetrics(metrics.registry(), actions.entries().keySet()), headerAuth,
                database.writes()));
        servlets.put("/healthz", new HealthServlet(database));
        servlets.put("/sso/*", new dev.breezeway.sso.SsoServlet(ssoLogin, ssoProviders, sessions, json));
        servlets.put("/password-recovery", new StaticPageServlet("password-recovery.html", "text/html;charset=utf-8"));
        servlets.put("/password-recovery.js", new StaticPageServlet("password-recovery.js", "text/javascript"));
        servlets.put("/admin/*", StaticPageServlet.folder("admin", CONSOLE_FILES));
        servlets.put("", StaticPageServlet.redirect("/admin/"));
        this.metricsServlet = new MetricsServlet(metrics);
        if (config.metricsPort().isEmpty()) {
            servlets.put("/metrics", metricsServlet);  // else only on its own port (ServerFactory)
        }
        servlets.put("/healthz/live", new HealthServlet(database, draining::get, HealthServlet.Check.LIVE));
        servlets.put("/healthz/ready", new HealthServlet(database, draining::get, HealthServlet.Check.READY));

        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "breezeway-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                int n = sessions.purgeExpired();
                if (n > 0) {
                    log.info("Purged {} expired sessions", n);
                }
                throttle.purge();
                principalService.purgeRequestTokens();
                recovery.purge();
                ssoLogin.purge();
                purgeAuditEvents();
            } catch (RuntimeException e) {
                log.warn("Session purge failed: {}", e.toString());
            }
        }, 10, 10, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::flushLastActive, 1, 1, TimeUnit.SECONDS);
        this.changeFeed = dev.breezeway.db.ChangeFeed.start(db, database.writes(), clock, config.clusterPoll());
        mailWorker.start(outbox);
    }

    /** Deletes the audit events older than {@code BREEZEWAY_AUDIT_RETENTION_DAYS}; returns how many went. */
    public int purgeAuditEvents() {
        int n = auditEvents.purgeBefore(clock.instant().minus(java.time.Duration.ofDays(config.auditRetentionDays())));
        if (n > 0) {
            log.info("Purged {} audit events older than {} days", n, config.auditRetentionDays());
        }
        return n;
    }

    private void flushLastActive() {
        try {
            lastActive.flush();
        } catch (RuntimeException e) {
            log.warn("Writing last-active times failed (kept for the next flush): {}", e.toString());
        }
    }

    /** Opens the database (embedded unless a URL is configured), migrates it, bootstraps it and wires everything. */
    public static App start(AppConfig config) {
        config.logFormat().apply();  // before the database's first lines
        return start(config, Database.open(config), Clock.systemUTC());
    }

    /** Wires the application over an already open database; closes it if wiring fails. */
    public static App start(AppConfig config, Database database, Clock clock) {
        config.logFormat().apply();
        Metrics metrics = new Metrics();
        try {
            return new App(config, database, clock, metrics);
        } catch (RuntimeException e) {
            metrics.close();
            database.close();
            throw e;
        }
    }

    private static JsonNode readOpenApi(ObjectMapper json) {
        try (var in = App.class.getResourceAsStream("/openapi.json")) {
            return json.readTree(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the classpath", e);
        }
    }

    /** Path → servlet, to mount in a servlet context. */
    public Map<String, HttpServlet> servlets() {
        return servlets;
    }

    public AppConfig config() {
        return config;
    }

    /** The principal core's creation and update service, e.g. for tests of what no face can provoke. */
    public PrincipalService principals() {
        return principalCore;
    }

    /** The XML action table, e.g. for checking that every row declares its access. */
    public ActionRegistry actions() {
        return actionTable;
    }

    /** The JSON route table, e.g. for checking that the OpenAPI document covers every route. */
    public Router router() {
        return router;
    }

    public XmlWriter xmlWriter() {
        return xmlWriter;
    }

    /** The mail outbox, e.g. for tests of what was queued. */
    public dev.breezeway.mail.MailStore mailStore() {
        return mailStore;
    }

    public Database database() {
        return database;
    }

    /** A cache of what one face shows of a principal, dropped by every write ({@link dev.breezeway.db.FreshCache}). */
    private <K, V> dev.breezeway.db.FreshCache<K, V> detailCache(String name, AppConfig config, Database database) {
        return dev.breezeway.db.FreshCache.of(name, database.writes(), config.detailCacheEntries(),
                config.detailCacheTtl(), metrics.registry());
    }

    /** The meter registry behind {@code /metrics}, e.g. for binding the embedded server's Jetty. */
    public Metrics metrics() {
        return metrics;
    }

    /** {@code GET /metrics}; in {@link #servlets()} unless {@code BREEZEWAY_METRICS_PORT} gives it a port of its own. */
    public MetricsServlet metricsServlet() {
        return metricsServlet;
    }

    /** From now on {@code /healthz/ready} answers 503: the server is stopping. */
    public void startDraining() {
        draining.set(true);
    }

    @Override
    public void close() {
        mailWorker.close();  // after the mail being sent now
        changeFeed.close();
        housekeeping.shutdownNow();
        try {
            housekeeping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushLastActive();  // the times of the last second
        database.close();
        metrics.close();
    }
}
