package dev.breezeway.xml.action;

import dev.breezeway.auth.AuthService;
import dev.breezeway.auth.HeaderAuth;
import dev.breezeway.error.ApiException;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;

/**
 * {@code login} ({@code login}, {@code password}, optional {@code account-id}, {@code domain},
 * {@code session}): {@code ok} with {@code Set-Cookie: BREEZESESSION=…;HttpOnly;path=/;SameSite=Lax};
 * bad or missing credentials are {@code no-data}. The session becomes the anonymous token of
 * common-info only when it came as the {@code session} parameter: a cookie may have been planted in a
 * browser (session fixation), so a token from the cookie is never authenticated and login issues a fresh one.
 * With {@code external-auth=use} it logs in the user a trusted authenticating proxy names in the configured
 * header ({@link HeaderAuth}); without header authentication, or from an untrusted address, that is {@code no-data}.
 */
public final class LoginAction implements Action {
    private static final int MAX_PASSWORD = 1024;
    private final AuthService auth;
    private final HeaderAuth headerAuth;

    public LoginAction(AuthService auth, HeaderAuth headerAuth) {
        this.auth = auth;
        this.headerAuth = headerAuth;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
        if (p.first("external-auth").map(String::strip).filter("use"::equals).isPresent()) {
            String identity = call.request().externalIdentity().orElseThrow(ApiException::noData);
            return Results.ok().withSessionCookie(headerAuth.login(identity, call.request().userAgent()));
        }
        var login = p.first("login").map(String::strip).filter(s -> !s.isEmpty() && s.length() <= 255);
        var password = p.first("password").filter(s -> !s.isEmpty() && s.length() <= MAX_PASSWORD);
        var accountId = p.optionalId("account-id");
        if (login.isEmpty() || password.isEmpty() || !p.problems().isEmpty()) {
            throw ApiException.noData();
        }
        String token = auth.login(new AuthService.LoginRequest(login.get(), password.get(), accountId,
                call.presentedToken().filter(t -> !call.request().tokenFromCookie()), call.request().userAgent(),
                call.request().remoteAddress(), call.request().client()));
        return Results.ok().withSessionCookie(token);
    }
}
