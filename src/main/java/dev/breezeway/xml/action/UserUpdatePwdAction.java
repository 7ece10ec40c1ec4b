package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Credentials;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;

/**
 * {@code user-update-pwd} ({@code user-id}, {@code password}, {@code password-verify}, {@code password-old}):
 * an administrator sets anyone's password, a user its own with the old one. A {@code password-verify}
 * that differs is {@code format}; a policy violation is {@code range} (length) or {@code format}.
 */
public final class UserUpdatePwdAction implements Action {
    private final Credentials principals;

    public UserUpdatePwdAction(Credentials principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        long userId = p.requiredId("user-id");
        Optional<String> password = p.rawText("password", 1024).filter(s -> !s.isEmpty());
        Optional<String> verify = p.rawText("password-verify", 1024).filter(s -> !s.isEmpty());
        Optional<String> old = p.rawText("password-old", 1024).filter(s -> !s.isEmpty());
        if (password.isEmpty()) {
            p.problem(Invalid.of("password", FieldType.STRING, InvalidSubcode.MISSING));
        }
        if (verify.isEmpty()) {
            p.problem(Invalid.of("password-verify", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (password.isPresent() && !password.get().equals(verify.get())) {
            p.problem(Invalid.of("password-verify", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        p.throwIfInvalid();
        principals.set(call.requireSession(), userId, password.get(), old);
        return Results.ok();
    }
}
