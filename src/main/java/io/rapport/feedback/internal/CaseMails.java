package io.rapport.feedback.internal;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.feedback.FollowUpCase;
import io.rapport.feedback.FollowUpCases.Email;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emails from a case: the customer's address (their identifier if it is an email, else their profile's newest
 * email identity, else an {@code email} trait) and a first draft in their language.
 */
@Component
class CaseMails {

    /** Subject, greeting with a name, greeting without one, body and sign-off, per language. */
    private record Wording(String subject, String greeting, String anonymousGreeting, String body, String signOff) {
    }

    private static final Map<String, Wording> WORDINGS = Map.of(
            "en", new Wording("About your feedback", "Hello %s,", "Hello,",
                    "Thank you for telling us about your experience. We are sorry it fell short, and we would like "
                            + "to put it right. Could you tell us a little more about what happened? Simply reply to "
                            + "this email.", "Kind regards"),
            "de", new Wording("Zu Ihrer Rückmeldung", "Hallo %s,", "Hallo,",
                    "Danke, dass Sie uns von Ihrer Erfahrung erzählt haben. Es tut uns leid, dass sie nicht gut war, "
                            + "und wir möchten das wiedergutmachen. Erzählen Sie uns etwas mehr darüber, was passiert "
                            + "ist? Antworten Sie einfach auf diese E-Mail.", "Freundliche Grüße"),
            "es", new Wording("Sobre su opinión", "Hola %s:", "Hola:",
                    "Gracias por contarnos su experiencia. Lamentamos que no haya estado a la altura y queremos "
                            + "solucionarlo. ¿Podría contarnos un poco más sobre lo que pasó? Basta con responder a "
                            + "este correo.", "Un saludo"),
            "fr", new Wording("À propos de votre avis", "Bonjour %s,", "Bonjour,",
                    "Merci de nous avoir fait part de votre expérience. Nous sommes désolés qu'elle n'ait pas été à "
                            + "la hauteur et souhaitons y remédier. Pourriez-vous nous en dire un peu plus ? Il suffit "
                            + "de répondre à cet e-mail.", "Cordialement"),
            "pt", new Wording("Sobre a sua opinião", "Olá %s,", "Olá,",
                    "Obrigado por nos contar sobre a sua experiência. Lamentamos que não tenha sido boa e queremos "
                            + "resolver isso. Pode nos contar um pouco mais sobre o que aconteceu? Basta responder a "
                            + "este e-mail.", "Atenciosamente"));

    private final Customers customers;

    CaseMails(Customers customers) {
        this.customers = customers;
    }

    Optional<String> address(FollowUpCase followUp) {
        if (followUp.identifier() == null) {
            return Optional.empty();
        }
        Identifier identifier = Identifier.decode(followUp.identifier());
        if (identifier.type() == Identifier.Type.EMAIL) {
            return Optional.of(identifier.value());
        }
        return customer(followUp).flatMap(customer -> customer.identities().stream()
                .filter(i -> i.type() == Identifier.Type.EMAIL)
                .max(Comparator.comparing(Customer.Identity::firstSeen)).map(Customer.Identity::value)
                .or(() -> Optional.ofNullable(customer.traits().get("email")).map(CaseMails::text)
                        .flatMap(Identifier::email).map(Identifier::value)));
    }

    Email draft(FollowUpCase followUp) {
        String language = followUp.locale() == null ? "en"
                : Locale.forLanguageTag(followUp.locale()).getLanguage();
        Wording wording = WORDINGS.getOrDefault(language, WORDINGS.get("en"));
        String name = customer(followUp).map(c -> c.traits().get("firstName")).map(CaseMails::text)
                .filter(s -> !s.isBlank()).orElse(null);
        String greeting = name == null ? wording.anonymousGreeting() : wording.greeting().formatted(name);
        return new Email(wording.subject(), greeting + "\n\n" + wording.body() + "\n\n" + wording.signOff());
    }

    private Optional<Customer> customer(FollowUpCase followUp) {
        return followUp.identifier() == null ? Optional.empty()
                : customers.find(Identifier.decode(followUp.identifier())).flatMap(customers::get);
    }

    private static @Nullable String text(Customer.Trait trait) {
        return trait.value().startsWith("\"") ? JsonMapper.shared().readTree(trait.value()).asString("").strip() : null;
    }
}
