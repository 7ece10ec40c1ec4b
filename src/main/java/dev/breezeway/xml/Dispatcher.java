package dev.breezeway.xml;

import dev.breezeway.access.Authorizer;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.util.Optional;

/** Finds an action in the table, checks the caller's access and runs it: shared by single calls and batches. */
public final class Dispatcher {
    private final ActionRegistry actions;
    private final Authorizer authorizer;

    public Dispatcher(ActionRegistry actions, Authorizer authorizer) {
        this.actions = actions;
        this.authorizer = authorizer;
    }

    /** @throws ApiException {@code invalid} on field {@code action} for a missing or unknown action, or the action's own failure */
    public Results dispatch(String action, Call call) {
        return authorize(action, call).handle(call);
    }

    /** The action registered as {@code action} if its calls can be run in bulk. */
    public Optional<BulkAction<?>> bulk(String action) {
        return actions.find(action).map(ActionRegistry.Entry::action)
                .filter(a -> a instanceof BulkAction<?>).map(a -> (BulkAction<?>) a);
    }

    /**
     * The action registered as {@code action}, once the caller may run it: the checks {@link #dispatch}
     * makes before the action handles the call.
     *
     * @throws ApiException as {@link #dispatch} does before handling
     */
    public Action authorize(String action, Call call) {
        if (action.isBlank()) {
            throw ApiException.invalid(Invalid.of("action", FieldType.ENUM, InvalidSubcode.MISSING));
        }
        ActionRegistry.Entry entry = actions.find(action).orElseThrow(
                () -> ApiException.invalid(Invalid.of("action", FieldType.ENUM, InvalidSubcode.NO_SUCH_ITEM)));
        if (entry.access().needsLogin() && call.session().isEmpty() && call.request().crossSiteCookie()) {
            // The cookie a browser sent from another site was ignored: refused, not "log in again".
            throw ApiException.noAccess(AccessSubcode.DENIED);
        }
        authorizer.admit(entry.access(), call.session());
        if (entry.access().needsLogin() && !entry.duringPasswordChange()
                && call.session().map(Session::mustChangePassword).orElse(false)) {
            throw ApiException.problem(Problem.PASSWORD_CHANGE_REQUIRED, "session");
        }
        return entry.action();
    }
}
