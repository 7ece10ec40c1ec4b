package dev.breezeway.iam;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Uuids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;

/** {@code POST /resources/graph/query} over identities: AND-ed filters such as email endsWith "@company.com". */
final class GraphQuery {
    private final IamStore store;

    GraphQuery(IamStore store) {
        this.store = store;
    }

    List<IamPrincipal> run(long accountId, List<IamService.GraphFilter> filters, Map<String, List<String>> scope,
                              int limit) {
        Condition c = PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.DELETED_AT.isNull()).and(IamStore.IS_PERSON)
                .and(IamStore.sharesAttributes(scope));
        for (IamService.GraphFilter f : filters) {
            c = c.and(condition(f));
        }
        Condition where = c;
        return store.select(Optional.empty(), q -> q.where(where).orderBy(PRINCIPAL.PRINCIPAL_ID).limit(limit), id -> Optional.empty());
    }

    private static Condition condition(IamService.GraphFilter f) {
        if (f.field().equals("id")) {
            if (!f.op().equals("eq")) {
                throw bad("op");
            }
            try {
                return PRINCIPAL.UUID.eq(Uuids.toBytes(UUID.fromString(f.value())));
            } catch (IllegalArgumentException e) {
                throw bad("value");
            }
        }
        Field<String> field = switch (f.field()) {
            case "name" -> PRINCIPAL.NAME;
            case "email" -> PRINCIPAL.EMAIL;
            case "phone" -> PRINCIPAL.PHONE;
            default -> throw bad("field");
        };
        String v = f.value().replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return switch (f.op()) {
            case "eq" -> field.eq(f.value());
            case "startsWith" -> field.like(v + "%", '!');
            case "endsWith" -> field.like("%" + v, '!');
            case "contains" -> field.like("%" + v + "%", '!');
            default -> throw bad("op");
        };
    }

    private static ApiException bad(String what) {
        return ApiException.invalid(Invalid.of(what, FieldType.STRING, InvalidSubcode.FORMAT));
    }
}
