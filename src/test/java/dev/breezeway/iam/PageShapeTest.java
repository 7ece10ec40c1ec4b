package dev.breezeway.iam;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * IamStore renders a list page's SQL once per {@link PrincipalKeyset} shape and binds the values of each request to
 * that text. This renders every combination of the list's options, each with two different sets of values, and
 * checks that one shape always stands for one text, with as many placeholders as the request has bind values, and
 * that the values the page lists itself are jOOQ's, in jOOQ's order: a filter added without its part of the shape
 * or its values fails here, not as another request's SQL run with this one's values.
 */
class PageShapeTest {
    private final DSLContext sql = DSL.using(SQLDialect.MARIADB);
    private final List<SelectFieldOrAsterisk> columns = List.of(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.NAME);

    @Test
    void everyRequestOfAShapeHasTheSameSqlAndItsOwnValues() {
        Map<Object, String> textOfShape = new HashMap<>();
        Map<String, Object> shapeOfText = new HashMap<>();
        int requests = 0;
        for (Variant v : variants()) {
            for (int values = 0; values < 2; values++) {
                PrincipalKeyset.PageQuery q = v.query(values);
                Query rendered = q.query().apply(sql.select(columns).from(PRINCIPAL));
                String text = rendered.getSQL(ParamType.INDEXED);
                Object shape = q.sql().shape();
                String before = textOfShape.putIfAbsent(shape, text);
                assertEquals(before == null ? text : before, text, "one shape, two texts: " + v);
                Object other = shapeOfText.putIfAbsent(text, shape);
                assertEquals(other == null ? shape : other, shape, "one text, two shapes: " + v);
                assertEquals(text.chars().filter(c -> c == '?').count(), rendered.getBindValues().size(),
                        "placeholders and values: " + v);
                assertEquals(typed(rendered.getBindValues()), typed(q.sql().binds()), "the page's own bind values: " + v);
                requests++;
            }
        }
        // 4 orders x 2 suspended x 3 searches x 3 role lists x 2 prefixes x 3 scopes x 3 cursors x 2 directions
        assertEquals(2 * 2592, requests);
        assertTrue(textOfShape.size() > 1000, "shapes: " + textOfShape.size());
    }

    /** Values with their types: JDBC binds a Long and an Integer alike, but the page should give what jOOQ would. */
    private static List<String> typed(List<Object> values) {
        return values.stream().map(o -> o == null ? "null" : o.getClass().getSimpleName() + ":" + o).toList();
    }

    private record Variant(ListRequest.Order order, boolean suspended, int search, int roles, boolean prefix,
                           int scope, int cursor, boolean ascending) {
        PrincipalKeyset.PageQuery query(int values) {
            String s = values == 0 ? "ann" : "b%_!";
            Optional<String> search = this.search == 0 ? Optional.empty() : Optional.of(this.search == 1 ? s : s + s);
            List<String> roleList = new ArrayList<>();
            for (int i = 0; i < roles; i++) {
                roleList.add("role-" + values + "-" + i);
            }
            Optional<UUID> id = Optional.of(new UUID(values, 7));
            // cursor 0: none, 1: after a row, 2: before a row
            ListRequest r = new ListRequest(values == 0 ? 50 : 7, cursor == 1 ? id : Optional.empty(),
                    cursor == 2 ? id : Optional.empty(), search, roleList,
                    prefix ? Optional.of("pre" + values) : Optional.empty(), suspended, order, ascending);
            Map<String, List<String>> scopeMap = new LinkedHashMap<>();
            if (scope >= 1) {
                scopeMap.put("dept" + values, List.of("a" + values));
            }
            if (scope >= 2) {
                scopeMap.put("site" + values, List.of("x", "y" + values));
            }
            Object anchorValue = order == ListRequest.Order.NAME || order == ListRequest.Order.EMAIL
                    ? "name " + values : LocalDateTime.of(2020 + values, 1, 1, 0, 0);
            Optional<PrincipalKeyset.Anchor> anchor = cursor == 0 ? Optional.empty()
                    : Optional.of(new PrincipalKeyset.Anchor(anchorValue, 10L + values));
            return PrincipalKeyset.pageQuery(PrincipalKeyset.filters(1L + values, r, scopeMap), r, scopeMap, anchor);
        }
    }

    private static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (ListRequest.Order o : ListRequest.Order.values()) {
            for (boolean suspended : new boolean[] {false, true}) {
                for (int search = 0; search < 3; search++) {
                    for (int roles = 0; roles < 3; roles++) {
                        for (boolean prefix : new boolean[] {false, true}) {
                            for (int scope = 0; scope < 3; scope++) {
                                for (int cursor = 0; cursor < 3; cursor++) {
                                    for (boolean asc : new boolean[] {false, true}) {
                                        out.add(new Variant(o, suspended, search, roles, prefix, scope, cursor, asc));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
