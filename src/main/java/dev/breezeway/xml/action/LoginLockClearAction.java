package dev.breezeway.xml.action;

import dev.breezeway.auth.AuthService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;

/**
 * {@code login-lock-clear} ({@code login} and/or {@code address}): forgets the failures of the login
 * from every address, of the address for every login, or of the pair; {@code ok} whether or not any
 * were counted. Neither given → {@code <invalid field="login" type="string" subcode="missing"/>}.
 */
public final class LoginLockClearAction implements Action {
    private final AuthService auth;

    public LoginLockClearAction(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Optional<String> login = p.optionalText("login", 1, 255);
        Optional<String> address = p.optionalText("address", 1, 64);
        if (login.isEmpty() && address.isEmpty()) {
            p.requiredText("login", 1, 255);
        }
        p.throwIfInvalid();
        auth.clearLocks(login, address);
        return Results.ok();
    }
}
