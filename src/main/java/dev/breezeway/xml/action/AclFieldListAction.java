package dev.breezeway.xml.action;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.field.AclFieldService;
import dev.breezeway.field.NamedField;
import dev.breezeway.query.ListLimit;
import dev.breezeway.query.ListQuery;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.FilterParams;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.AclFieldListXml;
import java.util.OptionalLong;

/**
 * {@code acl-field-list} ({@code field-id}: a named field such as {@code first-name} or a custom field
 * id, plain or {@code x-}prefixed): every value of that field in the caller's account, e.g.
 * {@code <acl-field-list><acl acl-id="1000009"><value>Ada</value></acl></acl-field-list>}. A field id
 * that names no field is {@code no-such-item}; who sees which rows is decided by {@link AclFieldService}.
 * The list pages with {@code filter-start}/{@code filter-rows} and is limited as every list is
 * ({@link ListLimit}); it has no filter or sort fields.
 */
public final class AclFieldListAction implements Action {
    private final AclFieldService fields;
    private final ListLimit limit;

    public AclFieldListAction(AclFieldService fields, ListLimit limit) {
        this.fields = fields;
        this.limit = limit;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        String raw = p.requiredText("field-id", 1, 64);
        ListQuery page = FilterParams.page(p);
        p.throwIfInvalid();
        AclFieldService.FieldRef ref = NamedField.fromWire(raw)
                .<AclFieldService.FieldRef>map(AclFieldService.FieldRef.Named::new)
                .orElseGet(() -> custom(raw));
        AclFieldListXml x = new AclFieldListXml();
        int rows = limit.fetchSize(call.request().rows(), page.rows());
        limit.checked(call.request().rows(), page, fields.list(call.requireSession(), ref, page.start(), rows))
                .forEach(v -> x.acls.add(FieldXmls.aclValue(v)));
        return Results.ok(x);
    }

    private static AclFieldService.FieldRef custom(String raw) {
        OptionalLong id = ActionParams.customFieldId(raw);
        if (id.isEmpty()) {
            throw ApiException.invalid(Invalid.of("field-id", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM));
        }
        return new AclFieldService.FieldRef.Custom(id.getAsLong());
    }
}
