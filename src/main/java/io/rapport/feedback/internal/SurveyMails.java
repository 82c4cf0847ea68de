package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.Question;
import io.rapport.feedback.ScoreRange;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyForm;
import io.rapport.feedback.Surveys;
import io.rapport.platform.Mailer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The mail of a survey invitation, in the survey's language for the invitation's locale: the score question with one
 * button per point of the scale (HTML, styled inline for mail clients) or one numbered link each (plain text), each a
 * signed link that records the score; a custom survey without a score question gets one link to its answer page.
 * Every mail ends with a signed unsubscribe link, in its footer and in its {@code List-Unsubscribe} header.
 */
@Component
class SurveyMails {

    /** One score button: the score and the signed link that records it. */
    record Button(int score, String url) {
    }

    private final Surveys surveys;
    private final SurveyLinks links;
    private final ITemplateEngine templates;

    SurveyMails(Surveys surveys, SurveyLinks links, ITemplateEngine templates) {
        this.surveys = surveys;
        this.links = links;
        this.templates = templates;
    }

    Mailer.Mail render(Invitation invitation, Survey survey, String recipient) {
        SurveyForm form = surveys.form(survey, invitation.locale());
        ShopperWords words = ShopperWords.in(form.language());
        String subject = invitation.orderId() == null ? words.get("mail.subject")
                : words.order("mail.subject.order", invitation.orderId());
        Optional<SurveyForm.Item> score = form.questions().stream()
                .filter(item -> item.kind() == Question.Kind.SCORE).findFirst();
        List<Button> buttons = new ArrayList<>();
        score.ifPresent(question -> {
            ScoreRange scale = question.scale() != null ? question.scale() : survey.type().scale();
            for (int point = scale.min(); point <= scale.max(); point++) {
                buttons.add(new Button(point, links.score(invitation.token(), point)));
            }
        });
        String answerUrl = links.answer(invitation.token());
        String unsubscribeUrl = links.unsubscribe(invitation.token());
        Context model = new Context();
        model.setVariable("words", words);
        model.setVariable("subject", subject);
        model.setVariable("question", score.orElse(null));
        model.setVariable("buttons", buttons);
        model.setVariable("answerUrl", answerUrl);
        model.setVariable("unsubscribeUrl", unsubscribeUrl);
        model.setVariable("color", form.appearance().primaryColor());
        String html = templates.process("feedback/survey-mail", model);
        return new Mailer.Mail(recipient, subject, text(words, score.orElse(null), buttons, answerUrl, unsubscribeUrl),
                html, unsubscribeUrl);
    }

    private static String text(ShopperWords words, SurveyForm.@Nullable Item question, List<Button> buttons,
            String answerUrl, String unsubscribeUrl) {
        StringBuilder text = new StringBuilder(words.get("mail.intro")).append("\n\n");
        if (question == null) {
            text.append(words.get("mail.start")).append(":\n").append(answerUrl).append('\n');
        } else {
            text.append(question.text()).append("\n\n").append(words.get("mail.links")).append('\n');
            for (int i = 0; i < buttons.size(); i++) {
                Button button = buttons.get(i);
                String label = i == 0 ? question.lowLabel() : i == buttons.size() - 1 ? question.highLabel() : null;
                text.append(String.format("%3d", button.score())).append(label == null ? "" : " (" + label + ")")
                        .append(": ").append(button.url()).append('\n');
            }
        }
        return text.append("\n--\n").append(words.get("mail.footer")).append('\n').append(words.get("mail.unsubscribe"))
                .append(": ").append(unsubscribeUrl).append('\n').toString();
    }
}
