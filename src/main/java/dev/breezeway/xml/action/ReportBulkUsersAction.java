package dev.breezeway.xml.action;

import dev.breezeway.principal.PrincipalListService;
import dev.breezeway.principal.PrincipalQuery;
import dev.breezeway.principal.PrincipalRow;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.ReportBulkUsersXml;

/**
 * {@code report-bulk-users}: the account's users ({@code filter-type=guest}: its guests) through
 * principal-list's filter and sort grammar, e.g. {@code filter-like-login=@example.com&sort-name=asc}, as
 * {@code <report-bulk-users><row principal-id><login/><name/><email/><type/></row>…</report-bulk-users>};
 * past the list limit without {@code filter-rows}, {@code operation-size-error}.
 */
public final class ReportBulkUsersAction implements Action {
    private final PrincipalListService principals;

    public ReportBulkUsersAction(PrincipalListService principals) {
        this.principals = principals;
    }

    @Override
    public Results handle(Call call) {
        PrincipalQuery q = PrincipalQueryParser.parse(call.params(), false);
        ReportBulkUsersXml x = new ReportBulkUsersXml();
        for (PrincipalRow r : principals.users(call.requireSession(), call.request().rows(), q)) {
            ReportBulkUsersXml.Row row = new ReportBulkUsersXml.Row();
            row.principalId = Long.toString(r.principalId());
            row.login = r.breezeLogin();
            row.name = r.name();
            row.email = r.email().orElse("");
            row.type = r.type().wire();
            x.rows.add(row);
        }
        return Results.ok(x);
    }
}
