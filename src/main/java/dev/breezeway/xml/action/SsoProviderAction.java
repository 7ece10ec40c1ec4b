package dev.breezeway.xml.action;

import dev.breezeway.session.Session;
import dev.breezeway.sso.SsoProvider;
import dev.breezeway.sso.SsoProviders;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.SsoProviderXml;
import dev.breezeway.xml.model.SsoProvidersXml;

/**
 * The OpenID Connect providers of the caller's account: {@code sso-provider-list}, {@code sso-provider-info&slug=},
 * {@code sso-provider-update&slug=corp&name=Corp&issuer=https://login.example.com&client-id=breezeway
 * &client-secret=…} (creates or changes; optional {@code scopes}, {@code email-claim}, {@code link-by-email},
 * {@code jit-provision}, {@code enabled}; an empty {@code client-secret} removes the secret) and
 * {@code sso-provider-delete&slug=}. The XML mirrors of {@code /resources/sso/providers[/{slug}]}.
 */
public final class SsoProviderAction implements Action {
    private enum Kind { LIST, INFO, UPDATE, DELETE }

    private final SsoProviders providers;
    private final Kind kind;

    private SsoProviderAction(SsoProviders providers, Kind kind) {
        this.providers = providers;
        this.kind = kind;
    }

    public static SsoProviderAction list(SsoProviders p) {
        return new SsoProviderAction(p, Kind.LIST);
    }

    public static SsoProviderAction info(SsoProviders p) {
        return new SsoProviderAction(p, Kind.INFO);
    }

    public static SsoProviderAction update(SsoProviders p) {
        return new SsoProviderAction(p, Kind.UPDATE);
    }

    public static SsoProviderAction delete(SsoProviders p) {
        return new SsoProviderAction(p, Kind.DELETE);
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        if (kind == Kind.LIST) {
            p.throwIfInvalid();
            SsoProvidersXml x = new SsoProvidersXml();
            providers.list(caller).forEach(s -> x.providers.add(xml(s)));
            return Results.ok(x);
        }
        String slug = p.requiredText("slug", 1, 64);
        switch (kind) {
            case INFO -> {
                p.throwIfInvalid();
                return Results.ok(xml(providers.info(caller, slug)));
            }
            case DELETE -> {
                p.throwIfInvalid();
                providers.delete(caller, slug);
                return Results.ok();
            }
            default -> {
                SsoProviders.Change c = new SsoProviders.Change(p.first("name"), p.first("issuer"),
                        p.first("client-id"), p.rawText("client-secret", 4096), p.first("scopes"),
                        p.first("email-claim"), p.optionalBool("link-by-email"), p.optionalBool("jit-provision"),
                        p.optionalBool("enabled"));
                p.throwIfInvalid();
                return Results.ok(xml(providers.update(caller, slug, c)));
            }
        }
    }

    static SsoProviderXml xml(SsoProvider s) {
        SsoProviderXml x = new SsoProviderXml();
        x.slug = s.slug();
        x.enabled = Boolean.toString(s.enabled());
        x.linkByEmail = Boolean.toString(s.linkByEmail());
        x.jitProvision = Boolean.toString(s.jitProvision());
        x.hasSecret = Boolean.toString(s.hasSecret());
        x.version = Long.toString(s.version());
        x.name = s.name();
        x.issuer = s.issuer();
        x.clientId = s.clientId();
        x.scopes = s.scopes();
        x.emailClaim = s.emailClaim().orElse("");
        x.loginUrl = "/sso/" + s.slug() + "/login";
        return x;
    }
}
