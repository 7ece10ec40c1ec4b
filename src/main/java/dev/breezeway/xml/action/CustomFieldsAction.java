package dev.breezeway.xml.action;

import dev.breezeway.field.CustomField;
import dev.breezeway.field.CustomFieldService;
import dev.breezeway.field.CustomFieldStore;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.ListQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.CustomFieldsXml;
import java.util.List;
import java.util.Set;

/**
 * {@code custom-fields}: the custom field definitions of the caller's account, filtered and sorted on
 * any attribute or element, e.g. {@code filter-object-type=object-type-principal&filter-like-name=phone}.
 * Any logged-in principal may read them: definitions hold no personal data. Pages and refusals of
 * long lists are those of every list ({@link ListLimit}).
 */
public final class CustomFieldsAction implements Action {
    private static final Set<String> FIELDS = Set.copyOf(CustomFieldStore.LIST_FIELDS);
    private final CustomFieldService fields;
    private final ListLimit limit;

    public CustomFieldsAction(CustomFieldService fields, ListLimit limit) {
        this.fields = fields;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        ListQuery q = FilterParams.read(call.params(), FIELDS);
        call.params().throwIfInvalid();
        CustomFieldsXml x = new CustomFieldsXml();
        List<CustomField> page = limit.checked(call.request().rows(), q, fields.list(call.requireSession(), limit.bounded(call.request().rows(), q)));
        page.forEach(f -> x.fields.add(FieldXmls.field(f)));
        return Results.ok(x);
    }
}
