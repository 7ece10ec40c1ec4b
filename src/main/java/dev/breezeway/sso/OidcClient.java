package dev.breezeway.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relying party's side of OpenID Connect, all of it through the Nimbus SDK: discovery, the authentication
 * request (code flow, PKCE S256, state, nonce), the token request and the ID token's validation (signature by a key
 * of the provider's JWKS, issuer, audience, expiry with a minute's skew, nonce). Each node caches a provider's
 * discovery document and key set for {@link #TTL}, or until the provider's row changes (its version); the key set is
 * fetched again when a token names a key it does not hold.
 */
final class OidcClient {
    /** How long a node trusts a provider's discovery document. */
    static final Duration TTL = Duration.ofMinutes(10);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int JWKS_LIMIT_BYTES = 256 * 1024;
    private final Map<Long, Discovered> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    OidcClient(Clock clock) {
        this.clock = clock;
    }

    /** Why a sign-in went wrong on the provider's side or in its token: the reason code of the refusal page. */
    static final class Failure extends Exception {
        final String reason;

        Failure(String reason, String detail, Throwable cause) {
            super(detail, cause);
            this.reason = reason;
        }
    }

    private record Discovered(long version, Instant fetched, OIDCProviderMetadata metadata,
                              IDTokenValidator validator) {
    }

    private Discovered discovered(SsoProvider p) throws Failure {
        Discovered d = cache.get(p.providerId());
        if (d != null && d.version() == p.version() && d.fetched().plus(TTL).isAfter(clock.instant())) {
            return d;
        }
        try {
            OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(p.issuer()), TIMEOUT_MILLIS,
                    TIMEOUT_MILLIS);
            if (m.getJWKSetURI() == null || m.getTokenEndpointURI() == null) {
                throw new Failure("provider-unavailable", "the discovery document names no jwks_uri or token endpoint",
                        null);
            }
            List<JWSAlgorithm> algs = Optional.ofNullable(m.getIDTokenJWSAlgs()).orElse(List.of());
            JWSAlgorithm alg = algs.contains(JWSAlgorithm.RS256) || algs.isEmpty() ? JWSAlgorithm.RS256 : algs.get(0);
            IDTokenValidator v = new IDTokenValidator(m.getIssuer(), new ClientID(p.clientId()), alg,
                    m.getJWKSetURI().toURL(), new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS,
                    JWKS_LIMIT_BYTES));
            Discovered fresh = new Discovered(p.version(), clock.instant(), m, v);
            cache.put(p.providerId(), fresh);
            return fresh;
        } catch (GeneralException | IOException | RuntimeException e) {
            throw new Failure("provider-unavailable", "discovery of " + p.issuer() + " failed: " + e, e);
        }
    }

    /** Where to send the browser: the provider's authorization endpoint with this sign-in's parameters. */
    URI authorizationUri(SsoProvider p, URI redirect, String state, String nonce, String verifier) throws Failure {
        OIDCProviderMetadata m = discovered(p).metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(p.scopes()),
                new ClientID(p.clientId()), redirect)
                .endpointURI(m.getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** The provider's logout endpoint (RP-initiated logout), when its discovery document names one. */
    Optional<URI> endSessionUri(SsoProvider p) {
        try {
            return Optional.ofNullable(discovered(p).metadata().getEndSessionEndpointURI());
        } catch (Failure e) {
            return Optional.empty();
        }
    }

    /** Exchanges the code for tokens and returns the ID token's claims, verified. */
    IDTokenClaimsSet redeem(SsoProvider p, Optional<String> secret, URI redirect, String code, String verifier,
                            String nonce) throws Failure {
        Discovered d = discovered(p);
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirect,
                new CodeVerifier(verifier));
        ClientID client = new ClientID(p.clientId());
        TokenRequest request = secret.map(s -> new TokenRequest(d.metadata().getTokenEndpointURI(),
                        authentication(d.metadata(), client, new Secret(s)), grant))
                .orElseGet(() -> new TokenRequest(d.metadata().getTokenEndpointURI(), client, grant));
        JWT idToken;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            var response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                throw new Failure("code-refused", "the token endpoint refused the code: " + error.getCode(), null);
            }
            idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        } catch (IOException | ParseException | ClassCastException e) {
            throw new Failure("provider-unavailable", "the token request failed: " + e, e);
        }
        if (idToken == null) {
            throw new Failure("token-invalid", "the token response has no ID token", null);
        }
        try {
            return d.validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new Failure(reasonOf(e), "the ID token was refused: " + e.getMessage(), e);
        }
    }

    /** {@code client_secret_basic} unless the provider supports only {@code client_secret_post}. */
    private static ClientAuthentication authentication(OIDCProviderMetadata m, ClientID client, Secret secret) {
        List<ClientAuthenticationMethod> methods = m.getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.isEmpty()
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
    }

    /** The refusal's reason code, from what Nimbus says was wrong. */
    private static String reasonOf(Exception e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("expired")) {
            return "token-expired";
        }
        if (m.contains("nonce")) {
            return "nonce-mismatch";
        }
        if (m.contains("audience")) {
            return "wrong-audience";
        }
        if (m.contains("issuer")) {
            return "wrong-issuer";
        }
        if (m.contains("signature") || m.contains("key") || m.contains("jws")) {
            return "bad-signature";
        }
        return "token-invalid";
    }
}
