package dev.breezeway.xml.action;

import dev.breezeway.auth.HeaderAuth;
import dev.breezeway.config.HeaderAuthConfig;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.HeaderAuthXml;
import java.util.List;
import java.util.Optional;

/**
 * {@code header-auth-info} shows HTTP header authentication as it is in force; {@code header-auth-update} changes it
 * (optional {@code header-name}, empty turns it off; {@code trusted}, repeated or comma-separated addresses and CIDR
 * blocks; {@code reset=true} goes back to the start-up values). Reading takes {@code policies:manage}, changing
 * {@code sign-in:manage} (whoever sets it can sign in as anyone); the XML mirrors of
 * {@code GET/PUT/DELETE /resources/auth/header-auth}.
 */
public final class HeaderAuthAction implements Action {
    private final HeaderAuth headerAuth;
    private final boolean update;

    private HeaderAuthAction(HeaderAuth headerAuth, boolean update) {
        this.headerAuth = headerAuth;
        this.update = update;
    }

    public static HeaderAuthAction info(HeaderAuth headerAuth) {
        return new HeaderAuthAction(headerAuth, false);
    }

    public static HeaderAuthAction update(HeaderAuth headerAuth) {
        return new HeaderAuthAction(headerAuth, true);
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        if (!update) {
            return Results.ok(xml(headerAuth.current()));
        }
        if (p.optionalBool("reset").orElse(false)) {
            p.throwIfInvalid();
            return Results.ok(xml(headerAuth.reset(caller)));
        }
        Optional<String> header = p.first("header-name");
        List<String> all = p.all("trusted");
        Optional<List<String>> trusted = all.isEmpty() ? Optional.empty()
                : Optional.of(all.stream().flatMap(t -> HeaderAuthConfig.split(t).stream()).toList());
        p.throwIfInvalid();
        return Results.ok(xml(headerAuth.update(caller, header, trusted)));
    }

    static HeaderAuthXml xml(HeaderAuth.Current c) {
        HeaderAuthXml x = new HeaderAuthXml();
        x.headerName = c.settings().header().orElse("");
        x.enabled = Boolean.toString(c.settings().enabled());
        x.source = c.stored() ? "database" : "start-up";
        x.trusted.addAll(c.settings().trusted());
        return x;
    }
}
