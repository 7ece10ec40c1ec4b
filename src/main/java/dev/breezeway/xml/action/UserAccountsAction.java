package dev.breezeway.xml.action;

import dev.breezeway.account.AccountStore;
import dev.breezeway.auth.AuthService;
import dev.breezeway.error.ApiException;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.UsersXml;

/**
 * {@code user-accounts} ({@code login}, {@code password}): the accounts these credentials belong to,
 * {@code <users><user user-id account-id><name/><date-expired/></user></users>}; logins are unique per
 * server, so there is one. Bad credentials are {@code no-data}.
 */
public final class UserAccountsAction implements Action {
    private final AuthService auth;
    private final AccountStore accounts;

    public UserAccountsAction(AuthService auth, AccountStore accounts) {
        this.auth = auth;
        this.accounts = accounts;
    }

    @Override
    public Results handle(Call call) {
        var login = call.params().first("login").map(String::strip).filter(s -> !s.isEmpty());
        var password = call.params().first("password").filter(s -> !s.isEmpty() && s.length() <= 1024);
        if (login.isEmpty() || password.isEmpty()) {
            throw ApiException.noData();
        }
        AuthService.Authenticated who = auth.authenticate(login.get(), password.get(), java.util.Optional.empty(),
                call.request().remoteAddress(), call.request().client());
        UsersXml x = new UsersXml();
        UsersXml.User u = new UsersXml.User();
        u.userId = Long.toString(who.principalId());
        u.accountId = Long.toString(who.accountId());
        u.name = accounts.name(who.accountId()).orElse("");
        u.dateExpired = "";
        x.users.add(u);
        return Results.ok(x);
    }
}
