package dev.breezeway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser going through single sign-on by hand, one redirect at a time, so a test can see and change every step:
 * Breezeway's {@code /sso/{slug}/login} → the provider's authorization endpoint → Breezeway's callback.
 */
final class SsoBrowser {
    private static final Pattern SESSION = Pattern.compile("BREEZESESSION=([^;]*)");
    private static final Pattern BINDING = Pattern.compile("BREEZEWAY_SSO=([^;]*)");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The cookie binding the sign-in under way to this browser. */
    Optional<String> binding = Optional.empty();
    /** The session cookie the last callback set. */
    Optional<String> session = Optional.empty();

    SsoBrowser(String base) {
        this.base = base;
    }

    record Page(int status, Optional<String> location, String body, java.net.http.HttpHeaders headers) {
        String reason() {
            Matcher m = Pattern.compile("<code id=\"reason\">([a-z-]+)</code>").matcher(body);
            assertThat(m.find()).as(status + " " + body).isTrue();
            return m.group(1);
        }
    }

    /** GET {@code /sso/{slug}/login}: the provider's authorization URL Breezeway redirects to. */
    URI start(String slug) {
        Page p = get(URI.create(base + "/sso/" + slug + "/login"), Map.of());
        assertThat(p.status()).as(p.body()).isEqualTo(302);
        return URI.create(p.location().orElseThrow());
    }

    /** The provider's authorization endpoint answers (no login page): the callback URL it redirects to. */
    URI authorize(URI authorization) {
        Page p = get(authorization, Map.of());
        assertThat(p.status()).as(p.body()).isIn(302, 303);
        return URI.create(p.location().orElseThrow());
    }

    /** Follows the provider's redirect to Breezeway's callback (at the test server, whatever host it names). */
    Page callback(URI providerRedirect) {
        return callback(providerRedirect.getRawPath() + "?" + providerRedirect.getRawQuery());
    }

    Page callback(String pathAndQuery) {
        Map<String, String> h = new LinkedHashMap<>();
        binding.ifPresent(b -> h.put("Cookie", "BREEZEWAY_SSO=" + b));
        Page p = get(URI.create(base + pathAndQuery), h);
        p.headers().allValues("set-cookie").forEach(c -> {
            Matcher m = SESSION.matcher(c);
            if (m.lookingAt() && !m.group(1).isEmpty()) {
                session = Optional.of(m.group(1));
            }
        });
        return p;
    }

    /** The whole sign-in, asserting it ended in a session; returns the session token. */
    String signIn(String slug) {
        Page p = callback(authorize(start(slug)));
        assertThat(p.status()).as(p.body()).isEqualTo(303);
        return session.orElseThrow();
    }

    /** POST {@code /sso/logout} from this server's own page: where the browser is sent next. */
    Page logout() {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/sso/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Sec-Fetch-Site", "same-origin");
        session.ifPresent(s -> b.header("Cookie", "BREEZESESSION=" + s));
        return send(b);
    }

    Page get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        headers.forEach(b::header);
        Page p = send(b);
        p.headers().allValues("set-cookie").forEach(c -> {
            Matcher m = BINDING.matcher(c);
            if (m.lookingAt() && !m.group(1).isEmpty()) {
                binding = Optional.of(m.group(1));
            }
        });
        return p;
    }

    private Page send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(r.statusCode(), r.headers().firstValue("location"), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A query parameter of {@code uri}, decoded. */
    static String param(URI uri, String name) {
        for (String kv : uri.getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            if (kv.substring(0, eq).equals(name)) {
                return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    /** {@code uri} with parameter {@code name} set to {@code value}. */
    static URI withParam(URI uri, String name, String value) {
        StringBuilder q = new StringBuilder();
        for (String kv : uri.getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            q.append(q.length() == 0 ? "" : "&").append(kv.substring(0, eq)).append('=')
                    .append(kv.substring(0, eq).equals(name)
                            ? java.net.URLEncoder.encode(value, StandardCharsets.UTF_8) : kv.substring(eq + 1));
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + q);
    }
}
