package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code session-revoke} ({@code session-id} from session-list, optional {@code principal-id}, the caller
 * by default): the XML mirror of {@code DELETE /resources/iam/principals/{id}/sessions/{sessionId}}; the
 * session stops working at once → {@code ok}. Your own freely, others' with {@code iam/principals:write};
 * a session the principal does not have is {@code no-data}.
 */
public final class SessionRevokeAction implements Action {
    private final IamService iam;

    public SessionRevokeAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = IamMirrors.principalId(p, caller, true);
        Optional<UUID> sessionId = sessionId(p);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        iam.revokeSession(caller, uuid, sessionId.orElseThrow());
        return Results.ok();
    }

    private static Optional<UUID> sessionId(Params p) {
        Optional<String> raw = p.optionalText("session-id", 1, 64);
        if (raw.isEmpty()) {
            p.problem(Invalid.of("session-id", FieldType.STRING, InvalidSubcode.MISSING));
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(raw.get()));
        } catch (IllegalArgumentException e) {
            p.problem(Invalid.of("session-id", FieldType.STRING, InvalidSubcode.FORMAT));
            return Optional.empty();
        }
    }
}
