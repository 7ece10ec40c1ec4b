package dev.breezeway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Breeze client for tests, over HTTP/1.1: sends actions as GET or POST and keeps the session
 * token from the last {@code Set-Cookie}, passing it back as the {@code session} parameter.
 */
public final class BreezeClient {
    private static final Pattern COOKIE = Pattern.compile("BREEZESESSION=([^;]+)");
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Optional<String> session = Optional.empty();

    public BreezeClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A raw reply. */
    public record Reply(int status, HttpResponseHeaders headers, String body) {
        public List<String> header(String name) {
            return headers.all(name);
        }
    }

    /** Response headers with exact-case names as Jetty sent them (the JDK lower-cases them; we keep both views). */
    public record HttpResponseHeaders(java.net.http.HttpHeaders headers) {
        public List<String> all(String name) {
            return headers.allValues(name);
        }
    }

    public Optional<String> session() {
        return session;
    }

    public void useSession(String token) {
        session = Optional.of(token);
    }

    public void forgetSession() {
        session = Optional.empty();
    }

    /** Logs in and asserts success. */
    public void login(String login, String password) {
        Reply r = getRaw("login", "login", login, "password", password);
        assertThat(r.body()).contains("code=\"ok\"");
    }

    /** GET {@code /api/xml?action=…&k=v…}, adding {@code session=} when the client has one; returns the body. */
    public String call(String action, String... kv) {
        return getRaw(action, kv).body();
    }

    public Reply getRaw(String action, String... kv) {
        StringBuilder q = new StringBuilder("action=").append(enc(action));
        for (int i = 0; i + 1 < kv.length; i += 2) {
            q.append('&').append(enc(kv[i])).append('=').append(enc(kv[i + 1]));
        }
        session.ifPresent(s -> q.append("&session=").append(enc(s)));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/xml?" + q)).GET());
    }

    /** GET with a query string sent exactly as given. */
    public Reply getQuery(String rawQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/xml?" + rawQuery)).GET());
    }

    /** POST to {@code /api/xml?query} with a body of the given content type. */
    public Reply post(String rawQuery, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/api/xml" + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** Any request, e.g. with a Cookie header; the session cookie of the reply is remembered. */
    public Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String c : r.headers().allValues("set-cookie")) {
                Matcher m = COOKIE.matcher(c);
                if (m.find()) {
                    session = Optional.of(m.group(1));
                }
            }
            return new Reply(r.statusCode(), new HttpResponseHeaders(r.headers()), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code request} byte for byte over a socket (for requests java.net.http refuses to build, and
     * to see header names in their exact case) and returns the whole raw response.
     */
    public String rawHttp(String request) {
        URI u = URI.create(baseUrl);
        try (java.net.Socket s = new java.net.Socket(u.getHost(), u.getPort())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link #rawHttp} from another loopback address ({@code 127.0.0.x}: Linux routes all of 127/8 to the
     * loopback interface), as a client elsewhere; the server sees {@code from} as the client address.
     */
    public String rawHttpFrom(String from, String request) {
        URI u = URI.create(baseUrl);
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(from), 0));
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getByName(u.getHost()), u.getPort()), 10_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code login} from the loopback address {@code from}; returns the reply's body. */
    public String loginFrom(String from, String login, String password) {
        return bodyOf(rawHttpFrom(from, "GET /api/xml?action=login&login=" + enc(login) + "&password=" + enc(password)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    /** A raw {@code GET /api/xml?rawQuery} with Connection: close; returns the raw response. */
    public String rawGet(String rawQuery) {
        return rawHttp("GET /api/xml?" + rawQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /** The body of a raw response. */
    public static String bodyOf(String rawResponse) {
        return rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
