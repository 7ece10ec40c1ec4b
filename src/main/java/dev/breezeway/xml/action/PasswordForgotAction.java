package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.recovery.PasswordRecovery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;

/**
 * {@code password-forgot} ({@code login} or {@code email}), for anyone: mails the user a single-use link to choose a
 * new password and answers {@code ok} whether or not the login exists (Breezeway's own action; Adobe Connect offers this
 * only in its web pages). Too many requests from one address → {@code no-access}/{@code not-available}.
 */
public final class PasswordForgotAction implements Action {
    static final int LOGIN_MAX = 255;
    private final PasswordRecovery recovery;

    public PasswordForgotAction(PasswordRecovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Optional<String> login = p.optionalText("login", 1, LOGIN_MAX);
        Optional<String> email = p.optionalText("email", 1, LOGIN_MAX);
        if (login.isEmpty() && email.isEmpty() && p.problems().isEmpty()) {
            p.problem(Invalid.of("login", FieldType.STRING, InvalidSubcode.MISSING));
        }
        p.throwIfInvalid();
        recovery.forgot(login.<PasswordRecovery.Who>map(PasswordRecovery.Who.Login::new)
                .orElseGet(() -> new PasswordRecovery.Who.Email(email.get())), call.request().remoteAddress());
        return Results.ok();
    }
}
