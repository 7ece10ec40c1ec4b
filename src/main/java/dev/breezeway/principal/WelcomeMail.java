package dev.breezeway.principal;

import dev.breezeway.session.Session;
import java.util.Optional;

/**
 * What the principal core calls, inside a create's transaction, for a user created with {@code send-email=true}: queue
 * its account and login information (dev.breezeway.recovery.AccountMail), so that a rolled-back create sends nothing.
 */
public interface WelcomeMail {
    /** Nothing is sent: for a core without mail (the command line's tools). */
    WelcomeMail NONE = (caller, user, chosenPassword) -> {
    };

    /**
     * Queues the welcome mail of {@code user}, just created by {@code caller}.
     *
     * @param chosenPassword the password the caller chose for it, if any (mailed only where the account's policy says)
     */
    void queue(Session caller, Principal user, Optional<String> chosenPassword);
}
