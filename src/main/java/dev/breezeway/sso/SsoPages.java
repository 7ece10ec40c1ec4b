package dev.breezeway.sso;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The pages a person sees during single sign-on: a refusal (with its reason code, never a stack trace), the
 * sign-out button and the signed-out page. Their texts are fixed; nothing a request carries is written into them.
 */
final class SsoPages {
    /** Reason code → what the person reads. The README lists the same codes. */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("not-found", "There is no such sign-in page."),
            Map.entry("unknown-provider", "This sign-in provider is not known or is switched off."),
            Map.entry("provider-unavailable", "The sign-in provider cannot be reached just now. Try again later."),
            Map.entry("state-unknown", "This sign-in link is not one this server started."),
            Map.entry("replayed", "This sign-in was already used. Start again."),
            Map.entry("expired", "This sign-in took too long. Start again."),
            Map.entry("other-browser", "This sign-in was started in another browser. Start again here."),
            Map.entry("provider-refused", "The sign-in provider did not sign you in."),
            Map.entry("code-refused", "The sign-in provider refused to confirm the sign-in."),
            Map.entry("token-invalid", "The sign-in provider's answer could not be verified."),
            Map.entry("token-expired", "The sign-in provider's answer has expired."),
            Map.entry("nonce-mismatch", "The sign-in provider's answer belongs to another sign-in."),
            Map.entry("wrong-audience", "The sign-in provider's answer was meant for another application."),
            Map.entry("wrong-issuer", "The sign-in provider's answer comes from another provider."),
            Map.entry("bad-signature", "The sign-in provider's answer is not signed by the provider."),
            Map.entry("unknown-user", "You have no account here. Ask an administrator to create or link one."),
            Map.entry("login-taken", "An account with your name exists already. Ask an administrator to link it."),
            Map.entry("suspended", "Your account is suspended."),
            Map.entry("unavailable", "The server cannot complete the sign-in just now. Try again later."),
            Map.entry("cross-site", "Signing out must start from this server's own page."));

    private SsoPages() {
    }

    static void refused(HttpServletResponse resp, int status, String reason) throws IOException {
        resp.setStatus(status);
        page(resp, "Sign-in refused", "<p>" + REASONS.getOrDefault(reason, REASONS.get("token-invalid"))
                + "</p><p>Reason: <code id=\"reason\">" + (REASONS.containsKey(reason) ? reason : "token-invalid")
                + "</code></p>");
    }

    static void logoutForm(HttpServletResponse resp) throws IOException {
        page(resp, "Sign out", "<form method=\"post\" action=\"/sso/logout\"><button>Sign out</button></form>");
    }

    static void loggedOut(HttpServletResponse resp) throws IOException {
        page(resp, "Signed out", "<p>You are signed out.</p>");
    }

    private static void page(HttpServletResponse resp, String title, String body) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "frame-ancestors 'none'");
        resp.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }
}
