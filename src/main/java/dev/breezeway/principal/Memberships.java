package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.Grant;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Who belongs to which group (groups nest, cycles are refused) and to which policy. Membership in
 * {@code admins}, or in a group inside it, is every permission: only a caller holding every permission
 * gives it, nobody gives it to themselves, and the last live administrator cannot leave.
 */
public final class Memberships {
    private final DSLContext db;
    private final PrincipalStore store;
    private final MembershipStore members;
    private final Authorizer authz;
    private final AuditLog audit;

    public Memberships(DSLContext db, PrincipalStore store, MembershipStore members, Authorizer authz, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.store = store;
        this.members = members;
        this.authz = authz;
    }

    /** One group-membership-update trio. */
    public record Change(long groupId, long principalId, boolean isMember) {
    }

    /**
     * Applies membership changes in order, all or none. Adding an existing member or removing a
     * non-member changes nothing; a change that would make a group contain itself is refused.
     */
    public void update(Session caller, List<Change> changes) {
        db.transaction(() -> authz.keepingAdmins(db, caller.accountId(), () -> apply(caller, changes)));
    }

    private void apply(Session caller, List<Change> changes) {
        {
            List<Invalid> problems = new ArrayList<>();
            boolean locked = false;
            for (Change c : changes) {
                Optional<Principal> group = store.findById(db, c.groupId()).filter(g -> g.accountId() == caller.accountId());
                Optional<Principal> member = store.findById(db, c.principalId()).filter(m -> m.accountId() == caller.accountId());
                if (group.isEmpty()) {
                    problems.add(Invalid.of("group-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
                    continue;
                }
                if (!group.get().type().isGroup()) {
                    problems.add(Invalid.of("group-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
                    continue;
                }
                if (member.isEmpty()) {
                    problems.add(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
                    continue;
                }
                if (authz.confersAdmin(c.groupId(), group.get().type())) {
                    guardAdmins(caller, c);
                }
                if (!locked && member.get().type().isGroup()) {
                    members.lockAccount(db, caller.accountId());
                    locked = true;
                }
                if (!c.isMember()) {
                    if (members.removeMember(db, c.groupId(), c.principalId())) {
                        recordMembership(caller, "membership.remove", group.get(), member.get());
                    }
                    continue;
                }
                if (member.get().type() == PrincipalType.GUEST) {
                    // Guests have guest access only: they are never put in groups (promote them first).
                    problems.add(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
                    continue;
                }
                if (member.get().type().isGroup() && members.contains(db, c.principalId(), c.groupId())) {
                    problems.add(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
                    continue;
                }
                if (members.addMember(db, c.groupId(), c.principalId())) {
                    recordMembership(caller, "membership.add", group.get(), member.get());
                }
            }
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
        }
    }

    /** The member is the object: "who put X into admins" is a filter on X. */
    private void recordMembership(Session caller, String kind, Principal group, Principal member) {
        audit.change(caller, kind, AuditTarget.principal(member.principalId(), member.breezeLogin()),
                ordered("group-id", group.principalId(), "group-name", group.breezeLogin(), "group-type", group.type().wire()));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Giving administration needs every permission and is never given to oneself; taking it away needs
     * power over the member (a member may leave by itself while another administrator remains).
     */
    private void guardAdmins(Session caller, Change c) {
        if (c.isMember()) {
            authz.requireNotSelf(caller, c.principalId());
            authz.requireGrantable(caller, List.of(Grant.ALL));
        } else {
            authz.requireMayActOn(caller, c.principalId());
        }
    }

    /** Creates a policy (idempotent by name) and returns its id. */
    public long policy(Session caller, String name) {
        return db.transactionResult(() -> {
            long id = members.policy(db, caller.accountId(), name);
            audit.change(caller, "policy.create", AuditTarget.of("policy", id, name), Map.of());
            return id;
        });
    }

    /** Assigns or unassigns a user to a policy; guests cannot be assigned. */
    public void policyMembership(Session caller, long policyId, long userId, boolean member) {
        Principal target = store.findById(userId).filter(p -> p.accountId() == caller.accountId())
                .filter(p -> p.type() == PrincipalType.USER || p.type() == PrincipalType.GUEST)
                .orElseThrow(() -> ApiException.noData().describedAs("No such user in your organization"));
        db.transaction(() -> {
            if (!members.policyExists(db, caller.accountId(), policyId)) {
                throw ApiException.invalid(Invalid.of("policy-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM));
            }
            if (member && target.type() == PrincipalType.GUEST) {
                throw ApiException.invalid(Invalid.of("principal-id", FieldType.ID, InvalidSubcode.ILLEGAL_OPERATION));
            }
            members.setPolicyMember(db, policyId, userId, member);
            audit.change(caller, member ? "policy-membership.add" : "policy-membership.remove",
                    AuditTarget.principal(userId, target.breezeLogin()), Map.of("policy-id", policyId));
        });
    }
}
