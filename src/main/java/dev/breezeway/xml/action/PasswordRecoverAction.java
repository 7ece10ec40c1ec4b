package dev.breezeway.xml.action;

import dev.breezeway.principal.Face;
import dev.breezeway.recovery.PasswordRecovery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;

/**
 * {@code password-recover} ({@code token}, {@code password}), for anyone: sets the password of the user whose mailed
 * link carries {@code token} (from {@code password-forgot}, or a welcome mail), under the XML face's password policy,
 * and ends the user's sessions. An unknown, used or expired token is
 * {@code <invalid field="token" type="string" subcode="no-such-item"/>}; a refused password is {@code invalid} on
 * {@code password}, as {@code user-update-pwd} answers it.
 */
public final class PasswordRecoverAction implements Action {
    static final int TOKEN_MAX = 128;
    private final PasswordRecovery recovery;

    public PasswordRecoverAction(PasswordRecovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String token = p.requiredText("token", 1, TOKEN_MAX);
        String password = p.rawText("password", 1024).orElse("");
        p.throwIfInvalid();
        recovery.complete(token, password, Face.XML, "token", "password");
        return Results.ok();
    }
}
