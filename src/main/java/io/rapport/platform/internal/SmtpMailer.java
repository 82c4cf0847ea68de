package io.rapport.platform.internal;

import io.rapport.platform.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** {@link Mailer} over Spring Boot's {@link JavaMailSender}, which exists once {@code spring.mail.host} is set. */
@Component
class SmtpMailer implements Mailer {

    private final ObjectProvider<JavaMailSender> smtp;
    private final String from;

    SmtpMailer(ObjectProvider<JavaMailSender> smtp, @Value("${rapport.mail.from}") String from) {
        this.smtp = smtp;
        this.from = from;
    }

    @Override
    public boolean available() {
        return smtp.getIfAvailable() != null;
    }

    @Override
    public void send(Mail mail) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            throw new MailSendException("No SMTP server is configured: set spring.mail.host (and spring.mail.port, "
                    + "spring.mail.username, spring.mail.password) to the shop's mail server.");
        }
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, "UTF-8");
            helper.setFrom(from);
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            if (mail.unsubscribeUrl() != null) {
                message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            if (mail.html() == null) {
                helper.setText(mail.text());
            } else {
                helper.setText(mail.text(), mail.html());
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("The mail to " + mail.to() + " could not be written: " + e.getMessage(), e);
        }
        sender.send(message);
    }
}
