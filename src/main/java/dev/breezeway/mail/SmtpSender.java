package dev.breezeway.mail;

import dev.breezeway.config.MailConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * SMTP through Jakarta Mail (Eclipse Angus Mail): {@code BREEZEWAY_SMTP_TLS=none} plain SMTP, {@code starttls}
 * STARTTLS required (the connection fails if the server does not offer it), {@code tls} SMTPS; AUTH when a user is
 * configured; connect, read and write time out after 10 s. A mail with an HTML part goes as
 * {@code multipart/alternative} (text, then HTML); the Message-ID is the one fixed at enqueue.
 */
public final class SmtpSender implements MailSender {
    static final int TIMEOUT_MS = 10_000;
    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;

    public SmtpSender(MailConfig config) {
        this.config = config;
        String p = config.tls() == MailConfig.Tls.TLS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", config.tls() == MailConfig.Tls.TLS ? "smtps" : "smtp");
        props.put(p + "host", config.host().orElseThrow());
        props.put(p + "port", Integer.toString(config.port()));
        props.put(p + "connectiontimeout", Integer.toString(TIMEOUT_MS));
        props.put(p + "timeout", Integer.toString(TIMEOUT_MS));
        props.put(p + "writetimeout", Integer.toString(TIMEOUT_MS));
        props.put(p + "auth", Boolean.toString(config.user().isPresent()));
        if (config.tls() == MailConfig.Tls.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (config.tls() != MailConfig.Tls.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(props);
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("BREEZEWAY_SMTP_FROM is no address", e);
        }
    }

    @Override
    public void send(MailStore.Stored mail) throws Exception {
        InternetAddress to;
        try {
            to = new InternetAddress(mail.address(), true);
        } catch (AddressException e) {
            throw new Permanent("not an address: " + e.getMessage(), e);
        }
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(new java.util.Date());
        m.setHeader("X-Breezeway-Category", mail.category());
        if (mail.bodyHtml().isPresent()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.bodyText(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.bodyHtml().get(), StandardCharsets.UTF_8.name(), "html");
            m.setContent(new MimeMultipart("alternative", text, html));
        } else {
            m.setText(mail.bodyText(), StandardCharsets.UTF_8.name(), "plain");
        }
        m.saveChanges();
        try (Transport t = session.getTransport()) {
            if (config.user().isPresent()) {
                t.connect(config.user().get(), config.password().orElse(""));
            } else {
                t.connect();
            }
            t.sendMessage(m, m.getAllRecipients());
        }
    }
}
