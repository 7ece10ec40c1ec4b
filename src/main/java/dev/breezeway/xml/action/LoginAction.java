package dev.breezeway.xml.action;

import dev.breezeway.auth.AuthService;
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
 */
public final class LoginAction implements Action {
    private static final int MAX_PASSWORD = 1024;
    private final AuthService auth;

    public LoginAction(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Results handle(Call call) {
        var p = call.params();
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
