package dev.breezeway.mail;

/** Hands one stored mail to the mail system; throws when it was not accepted. */
public interface MailSender {
    void send(MailStore.Stored mail) throws Exception;

    /** A failure no retry can mend (e.g. an address that is no address): the mail is failed at once. */
    final class Permanent extends Exception {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
