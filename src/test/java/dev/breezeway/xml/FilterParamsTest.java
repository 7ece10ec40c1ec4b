package dev.breezeway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.query.ListQuery;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Breeze filter and sort grammar, and positional parameter groups, without a server. */
class FilterParamsTest {
    private static final Set<String> FIELDS = Set.of("name", "type", "principal-id", "is-primary");

    @Test
    void repeatedFiltersOnOneFieldBecomeOneFilterWithEveryValue() {
        Params p = Params.of("filter-principal-id", "1", "filter-type", "user", "filter-principal-id", "2");
        ListQuery q = FilterParams.read(p, FIELDS);
        assertThat(q.filters()).containsExactly(
                new ListQuery.Filter("principal-id", ListQuery.Op.EQUALS, List.of("1", "2")),
                new ListQuery.Filter("type", ListQuery.Op.EQUALS, List.of("user")));
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void modifiersSelectTheComparison() {
        ListQuery q = FilterParams.read(Params.of("filter-like-name", "ad", "filter-out-type", "group",
                "filter-gte-principal-id", "5", "filter-gt-principal-id", "6"), FIELDS);
        assertThat(q.filters()).extracting(ListQuery.Filter::op).containsExactly(ListQuery.Op.CONTAINS,
                ListQuery.Op.NOT_EQUALS, ListQuery.Op.GREATER_OR_EQUAL, ListQuery.Op.GREATER);
        assertThat(q.filters()).extracting(ListQuery.Filter::field).containsExactly("name", "type", "principal-id",
                "principal-id");
    }

    @Test
    void sortOneComesBeforeSortTwoWhateverTheOrderSent() {
        ListQuery q = FilterParams.read(Params.of("sort2-name", "asc", "sort1-type", "DESC"), FIELDS);
        assertThat(q.sorts()).containsExactly(new ListQuery.Sort("type", false), new ListQuery.Sort("name", true));
    }

    @Test
    void rowsAndStartArePaging() {
        ListQuery q = FilterParams.read(Params.of("filter-rows", "25", "filter-start", "100"), FIELDS);
        assertThat(q.rows()).isEqualTo(OptionalInt.of(25));
        assertThat(q.start()).isEqualTo(100);
        assertThat(q.filters()).isEmpty();
    }

    @Test
    void unknownFieldsAreNoSuchItemAndBadDirectionsAndCountsAreFormatInParameterOrder() {
        Params p = Params.of("filter-colour", "red", "sort-name", "sideways", "filter-rows", "-1",
                "sort-colour", "asc", "filter-start", "x");
        ListQuery q = FilterParams.read(p, FIELDS);
        assertThat(p.problems()).extracting(i -> i.field()).containsExactly("filter-colour", "sort-name",
                "filter-rows", "sort-colour", "filter-start");
        assertThat(p.problems()).extracting(i -> i.subcode()).containsExactly(InvalidSubcode.NO_SUCH_ITEM,
                InvalidSubcode.FORMAT, InvalidSubcode.FORMAT, InvalidSubcode.NO_SUCH_ITEM, InvalidSubcode.FORMAT);
        assertThat(q.filters()).isEmpty();
        assertThat(q.sorts()).isEmpty();
    }

    @Test
    void groupsMatchRepeatedParametersByPosition() {
        Params p = Params.of("acl-id", "1", "principal-id", "2", "permission-id", "view", "acl-id", "3",
                "principal-id", "4");
        List<ParamGroups.Group> groups = ParamGroups.read(p, "acl-id", "principal-id", "permission-id");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).values()).containsExactly(Optional.of("1"), Optional.of("2"), Optional.of("view"));
        assertThat(groups.get(1).values()).containsExactly(Optional.of("3"), Optional.of("4"), Optional.empty());
        assertThat(ParamGroups.read(Params.of(), "acl-id")).isEmpty();
    }
}
