package io.rapport.platform;

import org.jspecify.annotations.Nullable;

/**
 * Email to shoppers through the shop's SMTP server ({@code spring.mail.host}, {@code spring.mail.port},
 * {@code spring.mail.username}, {@code spring.mail.password}), from the address {@code rapport.mail.from}.
 */
public interface Mailer {

    /**
     * One message to one address.
     *
     * @param text the plain-text body, which every mail carries
     * @param html an HTML alternative, if any
     * @param unsubscribeUrl where the recipient stops mails of this kind: sent as {@code List-Unsubscribe} with
     *        {@code List-Unsubscribe-Post} (RFC 2369, RFC 8058), so mail clients offer their own one-click button
     */
    record Mail(String to, String subject, String text, @Nullable String html, @Nullable String unsubscribeUrl) {

        /** A personal mail, which has nothing to unsubscribe from. */
        public Mail(String to, String subject, String text, @Nullable String html) {
            this(to, subject, text, html, null);
        }
    }

    /** Whether an SMTP server is configured; without one {@link #send} refuses. */
    boolean available();

    /**
     * Sends the mail now.
     *
     * @throws org.springframework.mail.MailException when no SMTP server is configured, the address is malformed
     *         or the server refuses the mail
     */
    void send(Mail mail);
}
