package dev.breezeway.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

/**
 * An OpenID provider over HTTP that gets one thing wrong, which mock-oauth2-server (an honest provider) cannot be made
 * to: {@link Lie#FOREIGN_KEY} signs its ID tokens with a key its JWKS does not hold (the stand-in for a forged
 * token); {@link Lie#OTHER_AUDIENCE} signs them properly but for another client; {@link Lie#EXPIRED} signs them properly with
 * an expiry an hour ago (mock-oauth2-server then answers a negative {@code expires_in}, which the token response
 * parser refuses before the ID token is looked at). Discovery and JWKS are correct.
 */
final class RogueProvider implements AutoCloseable {
    enum Lie { FOREIGN_KEY, OTHER_AUDIENCE, EXPIRED }

    private final Lie lie;
    private final HttpServer server;
    private final RSAKey published;
    private final RSAKey forger;
    private final String clientId;
    /** The nonce the next ID token carries: the sign-in's own, so that only the key is wrong. */
    volatile String nonce = "";

    RogueProvider(String clientId, Lie lie) throws IOException, JOSEException {
        this.clientId = clientId;
        this.lie = lie;
        this.published = new RSAKeyGenerator(2048).keyID("published").generate();
        this.forger = new RSAKeyGenerator(2048).keyID("forger").generate();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", x -> reply(x, "application/json", discovery()));
        server.createContext("/jwks", x -> reply(x, "application/json",
                new JWKSet(published.toPublicJWK()).toString()));
        server.createContext("/token", x -> reply(x, "application/json", token()));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String discovery() {
        String i = issuer();
        return "{\"issuer\":\"" + i + "\",\"authorization_endpoint\":\"" + i + "/authorize\",\"token_endpoint\":\""
                + i + "/token\",\"jwks_uri\":\"" + i + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private String token() {
        try {
            long now = System.currentTimeMillis() - (lie == Lie.EXPIRED ? 7_200_000 : 0);
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("mallory")
                    .audience(List.of(lie == Lie.OTHER_AUDIENCE ? "another-app" : clientId)).issueTime(new Date(now)).expirationTime(new Date(now + 600_000))
                    .claim("nonce", nonce).build();
            RSAKey key = lie == Lie.FOREIGN_KEY ? forger : published;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":600,\"id_token\":\""
                    + jwt.serialize() + "\"}";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange x, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(200, b.length);
        try (var out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
