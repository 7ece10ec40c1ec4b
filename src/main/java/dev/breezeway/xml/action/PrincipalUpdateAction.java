package dev.breezeway.xml.action;

import dev.breezeway.client.ClientUserService;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.SignIn;
import dev.breezeway.xml.BulkAction;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.CreatedPrincipalXml;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * {@code principal-update}: without {@code principal-id} creates a user ({@code login}, {@code first-name},
 * {@code last-name}, optional {@code email}, {@code password}, {@code send-email}, {@code client-user-id})
 * or a group ({@code name}, optional {@code description}) and answers {@code <principal …>}; with it
 * updates the standard fields (and a user's {@code ext-login}) and answers a bare {@code ok}. {@code has-children} is required on create.
 * Creating needs {@code users:create}, updating {@code users:update}; a user created with an API
 * client's token belongs to that client, under its {@code client-user-id}. A value the request cannot
 * apply is refused, never dropped: a user's field on a group (or the reverse), a {@code password} on an
 * update, a {@code type} or {@code has-children} that is not the principal's, e.g.
 * {@code <invalid field="password" type="string" subcode="illegal-operation"/>}.
 */
public final class PrincipalUpdateAction implements BulkAction<PrincipalUpdateAction.PreparedCreate> {
    static final int LOGIN_MAX = 60;
    static final int NAME_PART_MAX = 254;
    static final int GROUP_NAME_MAX = 255;
    static final int EMAIL_MAX = 255;
    static final int DESCRIPTION_MAX = 4000;
    static final int CLIENT_USER_ID_MAX = 255;
    /** The standard fields only users have; {@code password}, {@code client-user-id}, {@code send-email} too. */
    private static final List<String> USER_FIELDS = List.of("login", "first-name", "last-name", "email");
    /** What only a user's create takes besides its fields. */
    private static final List<String> USER_CREATE_ONLY = List.of("password", "client-user-id");
    /** The standard fields only groups have. */
    private static final List<String> GROUP_FIELDS = List.of("name", "description");
    private final PrincipalService principals;
    private final ClientUserService users;
    private final SignIn signIn;

    public PrincipalUpdateAction(PrincipalService principals, ClientUserService users, SignIn signIn) {
        this.principals = principals;
        this.users = users;
        this.signIn = signIn;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Optional<Long> id = p.optionalId("principal-id");
        // Checked before the other parameters, so a caller without the permission learns nothing else
        // (an update's check comes with the principal's type, which its parameters are read against).
        if (id.isPresent()) {
            return update(call, id.get());
        }
        principals.requireMayCreate(call.requireSession());
        if (!p.problems().isEmpty()) {
            p.throwIfInvalid();
        }
        return create(call);
    }

    /**
     * An update: only fields of the principal's kind, {@code type} and {@code has-children} only as they
     * are (clients resend them), no password (user-update-pwd changes it), no {@code client-user-id}.
     */
    private Results update(Call call, long id) {
        Params p = call.params();
        PrincipalType current = principals.typeOf(call.requireSession(), id);
        boolean group = current.isGroup();
        readType(p).filter(t -> t != current && !(t == PrincipalType.GROUP && group))
                .ifPresent(t -> p.problem(Invalid.of("type", FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION)));
        p.optionalBool("has-children").filter(h -> h != group).ifPresent(
                h -> p.problem(Invalid.of("has-children", FieldType.LONG, InvalidSubcode.ILLEGAL_OPERATION)));
        if (p.has("client-user-id")) {
            p.problem(Invalid.of("client-user-id", FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION));
        }
        if (p.first("password").filter(s -> !s.isEmpty()).isPresent()) {
            p.problem(Invalid.of("password", FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION));
        }
        PrincipalService.Update change;
        if (group) {
            refuseFieldsOfOtherKind(p, USER_FIELDS);
            refuseFieldsOfOtherKind(p, List.of("ext-login"));
            change = new PrincipalService.Update(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    p.optionalText("name", 1, GROUP_NAME_MAX), p.optionalText("description", 0, DESCRIPTION_MAX));
        } else {
            refuseFieldsOfOtherKind(p, GROUP_FIELDS);
            change = new PrincipalService.Update(p.optionalText("login", 1, LOGIN_MAX),
                    p.optionalText("first-name", 1, NAME_PART_MAX), p.optionalText("last-name", 1, NAME_PART_MAX),
                    email(p), Optional.empty(), Optional.empty());
        }
        Optional<Boolean> sendEmail = p.optionalBool("send-email");
        if (group && sendEmail.orElse(false)) {
            p.problem(Invalid.of("send-email", FieldType.BOOLEAN, InvalidSubcode.ILLEGAL_OPERATION));
        }
        // ext-login: the external authentication id (a credential, so users:update on another user); empty clears it.
        SignIn.Change signInChange = new SignIn.Change(group ? Optional.empty() : p.first("ext-login"),
                Optional.empty());
        p.throwIfInvalid();
        Session caller = call.requireSession();
        PrincipalService.Update fields = change;
        signIn.changeWith(caller, id, signInChange, "ext-login",
                () -> principals.update(caller, id, fields, Face.XML));
        return Results.ok();
    }

    /**
     * Records {@code illegal-operation} on each of {@code fields} sent with a value: they belong to the
     * other kind of principal. A blank value asks for nothing and passes.
     */
    private static void refuseFieldsOfOtherKind(Params p, List<String> fields) {
        for (String f : fields) {
            if (p.first(f).filter(v -> !v.isBlank()).isPresent()) {
                p.problem(Invalid.of(f, FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION));
            }
        }
    }

    /** {@code type} if sent and known; an unknown value is a {@code format} problem. */
    private static Optional<PrincipalType> readType(Params p) {
        Optional<String> raw = p.first("type").map(String::strip).filter(s -> !s.isEmpty());
        Optional<PrincipalType> type = raw.flatMap(PrincipalType::fromWire);
        if (raw.isPresent() && type.isEmpty()) {
            p.problem(Invalid.of("type", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        return type;
    }

    /** The parameters of a create, read and checked. */
    private sealed interface Creation permits UserCreation, GroupCreation {
    }

    private record UserCreation(PrincipalService.NewUser user, Optional<String> clientUserId, String hasChildren)
            implements Creation {
    }

    private record GroupCreation(PrincipalService.NewGroup group, String hasChildren) implements Creation {
    }

    /** A user create of a batch, checked and ready to be written with the others. */
    public record PreparedCreate(Session caller, PrincipalService.NewUser user, String hasChildren) {
    }

    /**
     * A user create without password or client-user-id is prepared for bulk writing; anything else
     * (an update, a group, a password to hash) runs alone.
     */
    @Override
    public Optional<PreparedCreate> prepare(Call call) {
        Params p = call.params();
        if (p.has("principal-id")) {
            return Optional.empty();
        }
        principals.requireMayCreate(call.requireSession());
        if (!p.problems().isEmpty()) {
            p.throwIfInvalid();
        }
        Creation c = read(p);
        p.throwIfInvalid();
        if (c instanceof UserCreation u && u.user().password().isEmpty() && u.clientUserId().isEmpty()) {
            return Optional.of(new PreparedCreate(call.requireSession(), u.user(), u.hasChildren()));
        }
        return Optional.empty();
    }

    @Override
    public List<Outcome> handleAll(List<PreparedCreate> calls, boolean stopAtFirstFailure) {
        if (calls.isEmpty()) {
            return List.of();
        }
        Session caller = calls.get(0).caller();
        if (calls.stream().anyMatch(c -> !c.caller().equals(caller))) {
            throw new IllegalArgumentException("the batch groups calls by caller; these have several");
        }
        List<PrincipalService.Created> created = users.createUsers(caller,
                calls.stream().map(PreparedCreate::user).toList(), stopAtFirstFailure);
        List<Outcome> out = new ArrayList<>(created.size());
        for (int i = 0; i < created.size(); i++) {
            PrincipalService.Created c = created.get(i);
            String hasChildren = calls.get(i).hasChildren();
            out.add(new Outcome(c.principal().map(u -> userReply(u, hasChildren)), c.failure()));
        }
        return out;
    }

    private Results create(Call call) {
        Creation c = read(call.params());
        if (c instanceof GroupCreation g) {
            Principal created = principals.createGroup(call.requireSession(), g.group());
            CreatedPrincipalXml x = reply(created, g.hasChildren());
            x.description = created.description().orElse("");
            return Results.ok(x);
        }
        UserCreation u = (UserCreation) c;
        Params p = call.params();
        if (!p.problems().isEmpty()) {
            // Every problem at once, as Adobe reports them: the parameters' and a taken login or a refused password.
            List<Invalid> all = new ArrayList<>(p.problems());
            if (!u.user().login().isBlank()) {
                all.addAll(principals.problemsOf(call.requireSession(), u.user(), Face.XML));
            }
            throw ApiException.invalid(inFieldOrder(all));
        }
        return userReply(users.createUser(call.requireSession(), u.user(), u.clientUserId()), u.hasChildren());
    }

    /** Reads a create's parameters and throws the problems found, in parameter order. */
    private Creation read(Params p) {
        Optional<String> rawHasChildren = p.first("has-children").map(String::strip).filter(s -> !s.isEmpty());
        Optional<Boolean> hasChildren = p.optionalBool("has-children");
        if (rawHasChildren.isEmpty()) {
            p.problem(Invalid.of("has-children", FieldType.LONG, InvalidSubcode.MISSING));
        }
        Optional<PrincipalType> type = readType(p);
        if (type.isPresent() && type.get() != PrincipalType.USER && type.get() != PrincipalType.GROUP
                && type.get() != PrincipalType.GUEST) {
            p.problem(Invalid.of("type", FieldType.STRING, InvalidSubcode.ILLEGAL_OPERATION));
        }
        boolean group = type.map(PrincipalType::isGroup).or(() -> hasChildren).orElse(false);
        // A new principal's ext-login is its login; another one is set by an update (users:update), never dropped.
        refuseFieldsOfOtherKind(p, List.of("ext-login"));
        if (type.isPresent() && hasChildren.isPresent() && hasChildren.get() != type.get().isGroup()) {
            p.problem(Invalid.of("has-children", FieldType.LONG, InvalidSubcode.ILLEGAL_OPERATION));
        }
        if (group) {
            String name = p.requiredText("name", 1, GROUP_NAME_MAX);
            Optional<String> description = p.optionalText("description", 0, DESCRIPTION_MAX);
            refuseFieldsOfOtherKind(p, USER_FIELDS);
            refuseFieldsOfOtherKind(p, USER_CREATE_ONLY);
            if (p.optionalBool("send-email").orElse(false)) {
                p.problem(Invalid.of("send-email", FieldType.BOOLEAN, InvalidSubcode.ILLEGAL_OPERATION));
            }
            p.throwIfInvalid();
            return new GroupCreation(new PrincipalService.NewGroup(name, description), rawHasChildren.orElse("1"));
        }
        // Sent empty, as the captured server answers (user_save_error.xml): a login is out of range and
        // missing, a name part out of range; never sent, each is missing.
        String login = p.requiredText("login", 1, LOGIN_MAX, Params.Blank.RANGE_THEN_MISSING);
        String first = p.requiredText("first-name", 1, NAME_PART_MAX, Params.Blank.RANGE);
        String last = p.requiredText("last-name", 1, NAME_PART_MAX, Params.Blank.RANGE);
        Optional<String> email = email(p);
        Optional<String> password = p.rawText("password", 1024).filter(s -> !s.isEmpty());
        Optional<Boolean> sendEmail = p.optionalBool("send-email");
        if (sendEmail.orElse(false) && email.isEmpty()) {
            p.problem(Invalid.of("email", FieldType.STRING, InvalidSubcode.MISSING));
        }
        Optional<String> clientUserId = p.optionalText("client-user-id", 1, CLIENT_USER_ID_MAX);
        refuseFieldsOfOtherKind(p, GROUP_FIELDS);
        // A user's problems are thrown by the caller, with those only the principal core can see.
        return new UserCreation(new PrincipalService.NewUser(
                type.filter(t -> t == PrincipalType.GUEST).orElse(PrincipalType.USER), login, first, last, email,
                password, sendEmail.orElse(false)), clientUserId, rawHasChildren.orElse("0"));
    }

    /** The order of principal-update's parameters, in which its problems are reported. */
    private static final List<String> FIELD_ORDER = List.of("principal-id", "type", "has-children", "name", "description",
            "login", "first-name", "last-name", "email", "ext-login", "password", "send-email", "client-user-id");

    private static List<Invalid> inFieldOrder(List<Invalid> problems) {
        List<Invalid> out = new ArrayList<>(new java.util.LinkedHashSet<>(problems));
        out.sort(java.util.Comparator.comparingInt(i -> {
            int at = FIELD_ORDER.indexOf(i.field());
            return at < 0 ? FIELD_ORDER.size() : at;
        }));
        return out;
    }

    private static Results userReply(Principal u, String hasChildren) {
        CreatedPrincipalXml x = reply(u, hasChildren);
        x.extLogin = u.externalLogin();
        return Results.ok(x);
    }

    private static Optional<String> email(Params p) {
        Optional<String> email = p.optionalText("email", 1, EMAIL_MAX);
        if (email.isPresent() && !email.get().matches("[^@\\s]+@[^@\\s]+")) {
            p.problem(Invalid.of("email", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        return email;
    }

    private static CreatedPrincipalXml reply(Principal pr, String hasChildren) {
        CreatedPrincipalXml x = new CreatedPrincipalXml();
        x.principalId = Long.toString(pr.principalId());
        x.accountId = Long.toString(pr.accountId());
        x.type = pr.type().wire();
        x.hasChildren = hasChildren;
        x.name = pr.name();
        x.login = pr.breezeLogin();
        return x;
    }
}
