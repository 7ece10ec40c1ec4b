package dev.breezeway.sso;

import java.util.Optional;

/**
 * An OpenID Connect provider users of one account sign in with, e.g. slug {@code corp}, issuer
 * {@code https://login.example.com/realms/corp}, client {@code breezeway}: its users reach
 * {@code /sso/corp/login}. The client secret is never part of it (see {@link SsoProviders#secretOf}).
 *
 * @param emailClaim  the ID token claim holding the user's email ({@code email} by default), empty when email is
 *                    not to be read at all
 * @param linkByEmail a first sign-in links to the account's user with that email, when the provider says it is
 *                    verified ({@code email_verified: true})
 * @param jitProvision a first sign-in nobody is linked to creates a user (just-in-time provisioning)
 * @param version     grows with every change
 */
public record SsoProvider(long providerId, long accountId, String slug, String name, String issuer, String clientId,
                          boolean hasSecret, String scopes, Optional<String> emailClaim, boolean linkByEmail,
                          boolean jitProvision, boolean enabled, long version) {
}
