package dev.breezeway.mail;

import static dev.breezeway.db.gen.Tables.MAIL_TEMPLATE;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.db.Times;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jsoup.nodes.Entities;

/**
 * The texts of the server's own mails, per account and language: an account's row in {@code mail_template}, else the
 * built-in text ({@code mail/templates/<template>.<lang>.txt} and {@code .html} on the classpath, English for any
 * language without one). A text names its values as {@code {{account}}}, {@code {{name}}}, {@code {{login}}},
 * {@code {{link}}}, {@code {{password}}}, {@code {{url}}}, {@code {{expires}}}; e.g. the welcome mail's subject
 * {@code Your {{account}} account}. Values are HTML-escaped in the HTML part, which is sanitised like any mail body.
 * Reading and changing an account's templates needs {@code policies:manage}.
 */
public final class MailTemplates {
    /** A new user's mail with a link to choose a password (principal-update&send-email=true). */
    public static final String WELCOME = "welcome";
    /** A new user's mail with the password the administrator chose, when the account's policy allows it. */
    public static final String WELCOME_PASSWORD = "welcome_password";
    /** An administrator's reset, mailed: the temporary password. */
    public static final String PASSWORD_RESET = "password_reset";
    /** A forgotten-password request: the single-use link. */
    public static final String PASSWORD_RECOVERY = "password_recovery";
    public static final List<String> NAMES = List.of(WELCOME, WELCOME_PASSWORD, PASSWORD_RESET, PASSWORD_RECOVERY);
    public static final String DEFAULT_LANG = "en";
    static final int TEXT_MAX = 20_000;
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Pattern VALUE = Pattern.compile("\\{\\{([a-z]+)}}");

    private final DSLContext db;
    private final Authorizer authz;
    private final Clock clock;

    public MailTemplates(DSLContext db, Authorizer authz, Clock clock) {
        this.db = db;
        this.authz = authz;
        this.clock = clock;
    }

    /** A template's texts; {@code builtIn} when no account row is behind it. */
    public record Template(String name, String lang, String subject, String bodyText, Optional<String> bodyHtml,
                           boolean builtIn) {
    }

    /** A mail made from a template: subject, text part and sanitised HTML part. */
    public record Rendered(String subject, String bodyText, Optional<String> bodyHtml) {
    }

    /** The template the account uses for {@code lang}: its own in that language, else in English, else built in. */
    public Template effective(long accountId, String name, String lang) {
        String l = lang == null || lang.isBlank() ? DEFAULT_LANG : lang;
        return stored(accountId, name, l)
                .or(() -> l.equals(DEFAULT_LANG) ? Optional.empty() : stored(accountId, name, DEFAULT_LANG))
                .or(() -> builtIn(name, l))
                .orElseGet(() -> builtIn(name, DEFAULT_LANG).orElseThrow(
                        () -> new IllegalStateException("no built-in mail template " + name)));
    }

    /** Fills {@code values} into the effective template of the account and language. */
    public Rendered render(long accountId, String name, String lang, Map<String, String> values) {
        Template t = effective(accountId, name, lang);
        String subject = fill(t.subject(), values, false).replaceAll("[\\r\\n]+", " ");
        return new Rendered(subject, fill(t.bodyText(), values, false),
                t.bodyHtml().map(h -> HtmlSanitiser.clean(fill(h, values, true))));
    }

    private static String fill(String text, Map<String, String> values, boolean html) {
        Matcher m = VALUE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            String put = v == null ? m.group() : html ? Entities.escape(v) : v;
            m.appendReplacement(out, Matcher.quoteReplacement(put));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The account's template as it is used ({@code policies:manage}). */
    public Template get(Session caller, String name, String lang) {
        authz.require(caller, PermissionCatalogue.POLICIES_MANAGE);
        check(name, lang);
        return effective(caller.accountId(), name, lang);
    }

    /**
     * Sets the account's own template for a language ({@code policies:manage}); the HTML is sanitised when stored.
     * An empty subject and body remove it, so the built-in text applies again.
     */
    public Template put(Session caller, String name, String lang, String subject, String bodyText,
                        Optional<String> bodyHtml) {
        authz.require(caller, PermissionCatalogue.POLICIES_MANAGE);
        check(name, lang);
        boolean remove = (subject == null || subject.isBlank()) && (bodyText == null || bodyText.isBlank())
                && bodyHtml.filter(h -> !h.isBlank()).isEmpty();
        if (remove) {
            db.deleteFrom(MAIL_TEMPLATE).where(MAIL_TEMPLATE.ACCOUNT_ID.eq(caller.accountId())
                    .and(MAIL_TEMPLATE.TEMPLATE.eq(name)).and(MAIL_TEMPLATE.LANG.eq(lang))).execute();
            return effective(caller.accountId(), name, lang);
        }
        List<Invalid> problems = new ArrayList<>();
        if (subject == null || subject.isBlank()) {
            problems.add(Invalid.of("subject", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (subject.length() > 255 || subject.chars().anyMatch(c -> c < 0x20)) {
            problems.add(Invalid.of("subject", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        if (bodyText == null || bodyText.isBlank()) {
            problems.add(Invalid.of("body-text", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (bodyText.length() > TEXT_MAX) {
            problems.add(Invalid.range("body-text", FieldType.STRING, 1, TEXT_MAX));
        }
        if (bodyHtml.filter(h -> h.length() > SendingService.MAX_BODY_CHARS).isPresent()) {
            problems.add(Invalid.range("body-html", FieldType.STRING, 1, SendingService.MAX_BODY_CHARS));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Optional<String> html = bodyHtml.filter(h -> !h.isBlank()).map(HtmlSanitiser::clean);
        var now = Times.toLocal(clock.instant());
        db.insertInto(MAIL_TEMPLATE)
                .set(MAIL_TEMPLATE.ACCOUNT_ID, caller.accountId()).set(MAIL_TEMPLATE.TEMPLATE, name)
                .set(MAIL_TEMPLATE.LANG, lang).set(MAIL_TEMPLATE.SUBJECT, subject).set(MAIL_TEMPLATE.BODY_TEXT, bodyText)
                .set(MAIL_TEMPLATE.BODY_HTML, html.orElse(null)).set(MAIL_TEMPLATE.UPDATED_BY, caller.principalId())
                .set(MAIL_TEMPLATE.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(MAIL_TEMPLATE.SUBJECT, subject).set(MAIL_TEMPLATE.BODY_TEXT, bodyText)
                .set(MAIL_TEMPLATE.BODY_HTML, html.orElse(null)).set(MAIL_TEMPLATE.UPDATED_BY, caller.principalId())
                .set(MAIL_TEMPLATE.UPDATED_AT, now)
                .execute();
        return effective(caller.accountId(), name, lang);
    }

    private static void check(String name, String lang) {
        List<Invalid> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(Invalid.of("template", FieldType.ENUM, InvalidSubcode.MISSING));
        } else if (!NAMES.contains(name)) {
            problems.add(Invalid.of("template", FieldType.ENUM, InvalidSubcode.NO_SUCH_ITEM));
        }
        if (lang == null || lang.isBlank()) {
            problems.add(Invalid.of("lang", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (!LANG.matcher(lang).matches()) {
            problems.add(Invalid.of("lang", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private Optional<Template> stored(long accountId, String name, String lang) {
        return db.selectFrom(MAIL_TEMPLATE).where(MAIL_TEMPLATE.ACCOUNT_ID.eq(accountId)
                        .and(MAIL_TEMPLATE.TEMPLATE.eq(name)).and(MAIL_TEMPLATE.LANG.eq(lang)))
                .fetchOptional(r -> new Template(name, lang, r.getSubject(), r.getBodyText(),
                        Optional.ofNullable(r.getBodyHtml()), false));
    }

    /** The built-in template: the text file's first line is {@code Subject: …}, then a blank line, then the text. */
    static Optional<Template> builtIn(String name, String lang) {
        Optional<String> text = resource(name + "." + lang + ".txt");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get();
        int nl = t.indexOf('\n');
        String first = t.substring(0, nl);
        if (!first.startsWith("Subject: ")) {
            throw new IllegalStateException("mail template " + name + "." + lang + " has no Subject line");
        }
        return Optional.of(new Template(name, lang, first.substring("Subject: ".length()).strip(),
                t.substring(nl + 1).stripLeading(), resource(name + "." + lang + ".html"), true));
    }

    private static Optional<String> resource(String file) {
        try (InputStream in = MailTemplates.class.getResourceAsStream("/mail/templates/" + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
