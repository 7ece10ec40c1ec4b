package dev.breezeway.xml;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.util.function.BiPredicate;

/** Finds an action in the table, checks the caller's access and runs it: shared by single calls and batches. */
public final class Dispatcher {
    private final ActionRegistry actions;
    private final BiPredicate<Session, String> permits;

    /** @param permits whether a session holds a permission, e.g. {@code Authorizer::can} */
    public Dispatcher(ActionRegistry actions, BiPredicate<Session, String> permits) {
        this.actions = actions;
        this.permits = permits;
    }

    /** @throws ApiException {@code invalid} on field {@code action} for a missing or unknown action, or the action's own failure */
    public Results dispatch(String action, Call call) {
        if (action.isBlank()) {
            throw ApiException.invalid(Invalid.of("action", FieldType.ENUM, InvalidSubcode.MISSING));
        }
        ActionRegistry.Entry entry = actions.find(action).orElseThrow(
                () -> ApiException.invalid(Invalid.of("action", FieldType.ENUM, InvalidSubcode.NO_SUCH_ITEM)));
        switch (entry.access()) {
            case ANYONE -> {
            }
            case LOGGED_IN -> call.session().orElseThrow(() -> ApiException.noAccess(AccessSubcode.NO_LOGIN));
            case ADMIN -> {
                Session s = call.session().orElseThrow(() -> ApiException.noAccess(AccessSubcode.NO_LOGIN));
                if (!s.admin()) {
                    throw ApiException.noAccess(AccessSubcode.DENIED);
                }
            }
            case PERMISSION -> {
                Session s = call.session().orElseThrow(() -> ApiException.noAccess(AccessSubcode.NO_LOGIN));
                if (!permits.test(s, entry.permission().orElseThrow())) {
                    throw ApiException.noAccess(AccessSubcode.DENIED);
                }
            }
        }
        if (entry.access() != Access.ANYONE && call.session().map(Session::mustChangePassword).orElse(false)) {
            throw ApiException.problem(Problem.PASSWORD_CHANGE_REQUIRED, "session");
        }
        return entry.action().handle(call);
    }
}
