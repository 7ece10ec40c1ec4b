package dev.breezeway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A JSON API client for tests: bearer token auth, JSON in and out. */
public final class JsonClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Optional<String> token = Optional.empty();

    public JsonClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A reply: status, ETag header, parsed body (null node when empty). */
    public record Reply(int status, Optional<String> etag, JsonNode body, String raw, Optional<String> contentType) {
        public String errorCode() {
            return body.path("error").path("code").asText();
        }

        public String errorMessage() {
            return body.path("error").path("message").asText();
        }
    }

    public static JsonClient loggedIn(TestServer server, String login, String password) {
        JsonClient c = new JsonClient(server.baseUrl());
        Reply r = c.post("/resources/auth/login", "{\"login\":" + q(login) + ",\"password\":" + q(password) + "}");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        c.token = Optional.of(r.body().get("token").asText());
        return c;
    }

    public Optional<String> token() {
        return token;
    }

    public void useToken(String t) {
        token = Optional.of(t);
    }

    public Reply get(String path) {
        return send("GET", path, null, Optional.empty());
    }

    public Reply post(String path, String body) {
        return send("POST", path, body, Optional.empty());
    }

    public Reply post(String path, String body, String ifMatch) {
        return send("POST", path, body, Optional.of(ifMatch));
    }

    public Reply put(String path, String body, Optional<String> ifMatch) {
        return send("PUT", path, body, ifMatch);
    }

    public Reply patch(String path, String body, Optional<String> ifMatch) {
        return send("PATCH", path, body, ifMatch);
    }

    public Reply delete(String path, Optional<String> ifMatch) {
        return send("DELETE", path, null, ifMatch);
    }

    public Reply send(String method, String path, String body, Optional<String> ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        ifMatch.ifPresent(m -> b.header("If-Match", m));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), r.headers().firstValue("etag"), node, r.body(),
                    r.headers().firstValue("content-type"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
