package dev.breezeway.client;

import static dev.breezeway.db.gen.Tables.API_CLIENT;
import static dev.breezeway.db.gen.Tables.CLIENT_USER;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;

import dev.breezeway.db.Times;
import dev.breezeway.principal.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;

/** API clients ({@code api_client}) and the users they created ({@code client_user}). */
public final class ClientStore {
    private static final Condition LIVE = API_CLIENT.REVOKED_AT.isNull();

    private final DSLContext db;

    public ClientStore(DSLContext db) {
        this.db = db;
    }

    /** Inserts a client backed by {@code principalId}. */
    public void insert(DSLContext tx, String clientId, long accountId, long principalId, String name, byte[] secretHash,
                       long createdBy, Instant now) {
        tx.insertInto(API_CLIENT)
                .set(API_CLIENT.CLIENT_ID, clientId)
                .set(API_CLIENT.ACCOUNT_ID, accountId)
                .set(API_CLIENT.PRINCIPAL_ID, principalId)
                .set(API_CLIENT.NAME, name)
                .set(API_CLIENT.SECRET_HASH, secretHash)
                .set(API_CLIENT.CREATED_AT, Times.toLocal(now))
                .set(API_CLIENT.CREATED_BY, createdBy)
                .execute();
    }

    /** The live (not revoked) client {@code clientId} of the account, with its roles. */
    public Optional<ApiClient> find(long accountId, String clientId) {
        return load(API_CLIENT.ACCOUNT_ID.eq(accountId).and(API_CLIENT.CLIENT_ID.eq(clientId)).and(LIVE)).stream()
                .findFirst();
    }

    /** The live clients of the account, oldest first. */
    public List<ApiClient> list(long accountId) {
        return load(API_CLIENT.ACCOUNT_ID.eq(accountId).and(LIVE));
    }

    /** Whether the account ever had a client with this id, revoked or not. */
    public boolean everExisted(long accountId, String clientId) {
        return db.fetchExists(API_CLIENT, API_CLIENT.ACCOUNT_ID.eq(accountId).and(API_CLIENT.CLIENT_ID.eq(clientId)));
    }

    private List<ApiClient> load(Condition where) {
        var rows = db.select(API_CLIENT.CLIENT_ID, API_CLIENT.ACCOUNT_ID, API_CLIENT.PRINCIPAL_ID,
                        API_CLIENT.NAME, API_CLIENT.CREATED_AT, API_CLIENT.SECRET_ROTATED_AT)
                .from(API_CLIENT)
                .where(where)
                .orderBy(API_CLIENT.CREATED_AT, API_CLIENT.CLIENT_ID)
                .fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> principals = rows.stream().map(r -> r.value3()).toList();
        Map<Long, List<String>> roles = new LinkedHashMap<>();
        db.select(PRINCIPAL_ROLE.PRINCIPAL_ID, PRINCIPAL_ROLE.ROLE).from(PRINCIPAL_ROLE)
                .where(PRINCIPAL_ROLE.PRINCIPAL_ID.in(principals))
                .orderBy(PRINCIPAL_ROLE.ROLE)
                .forEach(r -> roles.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return rows.stream().map(r -> new ApiClient(r.value1(), r.value2(), r.value3(), r.value4(),
                List.copyOf(roles.getOrDefault(r.value3(), List.of())), Times.toInstant(r.value5()),
                Optional.ofNullable(r.value6()).map(Times::toInstant))).toList();
    }

    /** What a token request is checked against. */
    public record Credentials(String clientId, long accountId, long principalId, byte[] secretHash) {
    }

    /**
     * The credentials of live client {@code clientId}, read with a row lock so that a token issued in
     * the same transaction cannot slip past a concurrent rotation or revocation.
     */
    public Optional<Credentials> lockCredentials(DSLContext tx, String clientId) {
        return tx.select(API_CLIENT.CLIENT_ID, API_CLIENT.ACCOUNT_ID, API_CLIENT.PRINCIPAL_ID, API_CLIENT.SECRET_HASH)
                .from(API_CLIENT)
                .where(API_CLIENT.CLIENT_ID.eq(clientId).and(LIVE))
                .forUpdate()
                .fetchOptional(r -> new Credentials(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Replaces the secret hash of a live client; false if there is none. */
    public boolean setSecret(DSLContext tx, long accountId, String clientId, byte[] secretHash, Instant now) {
        return tx.update(API_CLIENT)
                .set(API_CLIENT.SECRET_HASH, secretHash)
                .set(API_CLIENT.SECRET_ROTATED_AT, Times.toLocal(now))
                .where(API_CLIENT.ACCOUNT_ID.eq(accountId).and(API_CLIENT.CLIENT_ID.eq(clientId)).and(LIVE))
                .execute() == 1;
    }

    /** Marks a live client revoked; false if it is unknown or already revoked. */
    public boolean revoke(DSLContext tx, long accountId, String clientId, Instant now) {
        return tx.update(API_CLIENT)
                .set(API_CLIENT.REVOKED_AT, Times.toLocal(now))
                .where(API_CLIENT.ACCOUNT_ID.eq(accountId).and(API_CLIENT.CLIENT_ID.eq(clientId)).and(LIVE))
                .execute() == 1;
    }

    /** The id of the live client backed by {@code principalId}, if it is one. */
    public Optional<String> clientOfPrincipal(long principalId) {
        return db.select(API_CLIENT.CLIENT_ID).from(API_CLIENT)
                .where(API_CLIENT.PRINCIPAL_ID.eq(principalId).and(LIVE))
                .fetchOptional(Record1::value1);
    }

    /** Records that {@code clientId} created {@code principalId}, under its own id for the user if given. */
    public void link(DSLContext tx, long principalId, String clientId, Optional<String> clientUserId) {
        tx.insertInto(CLIENT_USER)
                .set(CLIENT_USER.PRINCIPAL_ID, principalId)
                .set(CLIENT_USER.CLIENT_ID, clientId)
                .set(CLIENT_USER.CLIENT_USER_ID, clientUserId.orElse(null))
                .execute();
    }

    /** The client that created a principal, and its id for the user. */
    public record Link(String clientId, Optional<String> clientUserId) {
    }

    public Optional<Link> linkOf(DSLContext tx, long principalId) {
        return tx.select(CLIENT_USER.CLIENT_ID, CLIENT_USER.CLIENT_USER_ID).from(CLIENT_USER)
                .where(CLIENT_USER.PRINCIPAL_ID.eq(principalId))
                .fetchOptional(r -> new Link(r.value1(), Optional.ofNullable(r.value2())));
    }

    /** The principal holding {@code clientUserId} for a client, and whether it has been soft-deleted. */
    public record Holder(long principalId, Optional<String> login, boolean deleted) {
    }

    public Optional<Holder> holderOf(DSLContext tx, String clientId, String clientUserId) {
        return tx.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.LOGIN, PRINCIPAL.DELETED_AT)
                .from(CLIENT_USER)
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(CLIENT_USER.PRINCIPAL_ID))
                .where(CLIENT_USER.CLIENT_ID.eq(clientId).and(CLIENT_USER.CLIENT_USER_ID.eq(clientUserId)))
                .fetchOptional(r -> new Holder(r.value1(), Optional.ofNullable(r.value2()), r.value3() != null));
    }

    /** The live users {@code clientId} created, oldest first. */
    public List<ClientUser> users(String clientId) {
        return db.select(PRINCIPAL.fields()).select(CLIENT_USER.CLIENT_USER_ID)
                .from(CLIENT_USER)
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(CLIENT_USER.PRINCIPAL_ID))
                .where(CLIENT_USER.CLIENT_ID.eq(clientId).and(PRINCIPAL.DELETED_AT.isNull()))
                .orderBy(PRINCIPAL.CREATED_AT, PRINCIPAL.PRINCIPAL_ID)
                .fetch(ClientStore::toUser);
    }

    /** The live user {@code clientId} created with this UUID. */
    public Optional<ClientUser> user(String clientId, UUID uuid) {
        return db.select(PRINCIPAL.fields()).select(CLIENT_USER.CLIENT_USER_ID)
                .from(CLIENT_USER)
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(CLIENT_USER.PRINCIPAL_ID))
                .where(CLIENT_USER.CLIENT_ID.eq(clientId).and(PRINCIPAL.UUID.eq(Uuids.toBytes(uuid)))
                        .and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional(ClientStore::toUser);
    }

    private static ClientUser toUser(Record r) {
        String name = r.get(PRINCIPAL.NAME);
        return new ClientUser(r.get(PRINCIPAL.PRINCIPAL_ID), HexFormat.of().formatHex(r.get(PRINCIPAL.UUID)),
                Optional.ofNullable(r.get(PRINCIPAL.FIRST_NAME)).orElse(name),
                Optional.ofNullable(r.get(PRINCIPAL.LAST_NAME)).orElse(""),
                Optional.ofNullable(r.get(CLIENT_USER.CLIENT_USER_ID)),
                Optional.ofNullable(r.get(PRINCIPAL.EMAIL)),
                Times.toInstant(r.get(PRINCIPAL.CREATED_AT)), Times.toInstant(r.get(PRINCIPAL.UPDATED_AT)),
                r.get(PRINCIPAL.SUSPENDED_AT) != null);
    }
}
