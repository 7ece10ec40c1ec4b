package dev.breezeway.xml.action;

import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.Results;
import dev.breezeway.xml.model.CommonXml;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code common-info}: server facts and the session cookie, for anyone; adds {@code <account>} and
 * {@code <user>} when the caller is logged in. Without a live session it hands out an anonymous token
 * (stored nowhere, so an anonymous common-info writes nothing), which a following
 * {@code login&session=…} authenticates.
 */
public final class CommonInfoAction implements Action {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    private final SessionService sessions;
    private final Clock clock;
    private final String version;
    private final String localHost;

    public CommonInfoAction(SessionService sessions, Clock clock, String version) {
        this.sessions = sessions;
        this.clock = clock;
        this.version = version;
        this.localHost = hostName();
    }

    @Override
    public Results handle(Call call) {
        String cookie = call.session().isPresent()
                ? call.presentedToken().orElseThrow()
                : sessions.currentOrAnonymous(call.presentedToken());
        CommonXml c = new CommonXml();
        c.locale = "en";
        c.timeZoneId = "85";
        c.timeZoneJavaId = "UTC";
        c.cookie = cookie;
        c.date = ISO.format(clock.instant().atOffset(ZoneOffset.UTC));
        c.host = call.request().origin();
        c.localHost = localHost;
        c.adminHost = call.request().hostHeader();
        c.url = call.request().uriWithQuery();
        c.version = version;
        if (call.session().isPresent()) {
            Session s = call.session().get();
            c.account = new CommonXml.AccountRef();
            c.account.accountId = Long.toString(s.accountId());
            c.user = new CommonXml.UserRef();
            c.user.userId = Long.toString(s.principalId());
            c.user.type = s.type().wire();
            c.user.name = s.name();
            c.user.login = s.login();
        }
        c.userAgent = call.request().userAgent().orElse(null);
        Results results = Results.ok(c);
        return call.presentedToken().filter(cookie::equals).isPresent() ? results : results.withSessionCookie(cookie);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
