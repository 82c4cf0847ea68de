package io.rapport.feedback.internal;

import java.util.UUID;

import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The signed public links of surveys, under {@code rapport.public-url}: an email's score buttons, the answer page an
 * invitation's token opens, and the links (and QR codes) that open a survey for whoever follows them. Each carries an
 * HMAC of what it holds ({@code sig}), so nobody can answer with a token they were not sent, record a score they did
 * not click, or put an order id of their choice on a receipt link.
 */
@Component
public class SurveyLinks {

    /** The longest order id a link may carry. */
    private static final int MAX_ORDER_ID_LENGTH = 200;
    /** The longest locale a link may carry. */
    private static final int MAX_LOCALE_LENGTH = 35;

    private final LinkSigner signer;
    private final String base;

    SurveyLinks(LinkSigner signer, @Value("${rapport.public-url}") String publicUrl) {
        this.signer = signer;
        this.base = publicUrl.replaceFirst("/+$", "");
    }

    /** The link of one score button: following it records the score and opens the answer page. */
    public String score(UUID token, int score) {
        return base + "/public/surveys/email/" + token + "/" + score + "?sig=" + signer.sign("score", token.toString(),
                Integer.toString(score));
    }

    public boolean validScore(UUID token, int score, @Nullable String signature) {
        return signer.verify(signature, "score", token.toString(), Integer.toString(score));
    }

    /** The answer page of an invitation, under the public URL: for mails. */
    public String answer(UUID token) {
        return base + answerPath(token);
    }

    /** The path (without the public URL: the page links to itself) of the answer page of an invitation. */
    public String answerPath(UUID token) {
        return "/public/surveys/answer/" + token + "?sig=" + answerSignature(token);
    }

    public String answerSignature(UUID token) {
        return signer.sign("answer", token.toString());
    }

    public boolean validAnswer(UUID token, @Nullable String signature) {
        return signer.verify(signature, "answer", token.toString());
    }

    /** The unsubscribe link of an invitation's mail: it withdraws the person's consent to surveys. */
    public String unsubscribe(UUID token) {
        return base + "/public/surveys/unsubscribe/" + token + "?sig=" + signer.sign("unsubscribe", token.toString());
    }

    public boolean validUnsubscribe(UUID token, @Nullable String signature) {
        return signer.verify(signature, "unsubscribe", token.toString());
    }

    /**
     * A link that opens the survey for whoever follows it, through the {@code link} or {@code store} channel, with
     * the locale and order (a receipt's) it names.
     */
    public String open(Survey.Id survey, String channel, @Nullable String givenLocale, @Nullable String orderId) {
        checkOpen(channel, givenLocale, orderId);
        String locale = Languages.normalize(givenLocale).orElse(null);
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(base + "/public/surveys/open/" + survey)
                .queryParam("channel", channel);
        if (locale != null) {
            url.queryParam("locale", locale);
        }
        if (orderId != null) {
            url.queryParam("orderId", orderId);
        }
        return url.queryParam("sig", openSignature(survey, channel, locale, orderId)).encode().build().toUriString();
    }

    public boolean validOpen(Survey.Id survey, String channel, @Nullable String locale, @Nullable String orderId,
            @Nullable String signature) {
        return signer.verify(signature, openParts(survey, channel, locale, orderId));
    }

    private String openSignature(Survey.Id survey, String channel, @Nullable String locale, @Nullable String orderId) {
        return signer.sign(openParts(survey, channel, locale, orderId));
    }

    private static String[] openParts(Survey.Id survey, String channel, @Nullable String locale,
            @Nullable String orderId) {
        // "-" and "+…" keep an absent value apart from any given one.
        return new String[] {"open", survey.toString(), channel, locale == null ? "-" : "+" + locale,
                orderId == null ? "-" : "+" + orderId};
    }

    private static void checkOpen(String channel, @Nullable String locale, @Nullable String orderId) {
        if (!SurveyInvitations.LINK.equals(channel) && !SurveyInvitations.STORE.equals(channel)) {
            throw ApiProblem.invalidField("channel", "channel is link (a shared link) or store (a QR code in a shop).");
        }
        if (locale != null && Languages.normalize(locale).isEmpty()) {
            throw ApiProblem.invalidField("locale", "locale is a language tag such as pt-BR, up to "
                    + MAX_LOCALE_LENGTH + " characters.");
        }
        if (orderId != null && (orderId.isBlank() || orderId.length() > MAX_ORDER_ID_LENGTH)) {
            throw ApiProblem.invalidField("orderId", "orderId is 1 to " + MAX_ORDER_ID_LENGTH + " characters.");
        }
    }
}
