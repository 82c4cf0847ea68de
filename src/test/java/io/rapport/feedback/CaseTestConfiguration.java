package io.rapport.feedback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What follow-up case tests need beside the survey tests' clock: a real SMTP server (GreenMail on a free port) that
 * Rapport's mailer sends through, and a listener that records every {@link FollowUpCaseOpened}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CaseTestConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail greenMail() {
        return new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    }

    /** Rapport's mailer sends through whichever {@link JavaMailSender} exists: here, the one of GreenMail. */
    @Bean
    JavaMailSender greenMailSender(GreenMail greenMail) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(greenMail.getSmtp().getPort());
        return sender;
    }

    @Bean
    OpenedCases openedCases() {
        return new OpenedCases();
    }

    /** Every {@link FollowUpCaseOpened} published. */
    public static final class OpenedCases {

        public final List<FollowUpCaseOpened> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(FollowUpCaseOpened event) {
            received.add(event);
        }

        public List<FollowUpCaseOpened> of(String sourceId) {
            return received.stream().filter(e -> e.trigger().sourceId().equals(sourceId)).toList();
        }
    }
}
