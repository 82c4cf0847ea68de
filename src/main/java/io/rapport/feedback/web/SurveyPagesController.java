package io.rapport.feedback.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rapport.feedback.Invitation;
import io.rapport.feedback.Question;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyForm;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponse;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.Surveys;
import io.rapport.feedback.internal.ShopperWords;
import io.rapport.feedback.internal.SurveyLinks;
import io.rapport.feedback.internal.WidgetRateLimited;
import io.rapport.feedback.internal.WidgetRateLimiter;
import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

/**
 * The pages a shopper opens from a survey mail, a shared link or a QR code: server-rendered, no login, no JavaScript
 * needed. Every URL is signed ({@link SurveyLinks}); a forged or altered one gets a 403 page and stores nothing.
 * Limited per IP address with the widget's endpoints. See docs/surveys.md, "Email" and "Links and QR codes".
 */
@Controller
@RequestMapping("/public/surveys")
class SurveyPagesController {

    private static final String PAGE = "feedback/answer";
    private static final String WORDS = SurveyPagesController.class.getName() + ".words";

    private final Surveys surveys;
    private final SurveyInvitations invitations;
    private final SurveyResponses responses;
    private final SurveyLinks links;
    private final WidgetRateLimiter limiter;

    SurveyPagesController(Surveys surveys, SurveyInvitations invitations, SurveyResponses responses,
            SurveyLinks links, WidgetRateLimiter limiter) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.responses = responses;
        this.links = links;
        this.limiter = limiter;
    }

    /** A score button of a mail: records the score (a repeated click changes nothing), then opens the answer page. */
    @GetMapping("/email/{token}/{score}")
    String score(@PathVariable String token, @PathVariable String score, @RequestParam(required = false) String sig,
            HttpServletRequest request) {
        limiter.countIp(request.getRemoteAddr());
        UUID id = uuid(token);
        int points = whole(score);
        if (!links.validScore(id, points, sig)) {
            throw forged();
        }
        // A HEAD (link checkers) only learns where the link leads.
        if (!"HEAD".equals(request.getMethod())) {
            String question = formFor(id, request).questions().stream()
                    .filter(item -> item.kind() == Question.Kind.SCORE).map(SurveyForm.Item::id).findFirst()
                    .orElseThrow(SurveyPagesController::closed);
            responses.answer(id, new SurveyResponses.Submission(Map.of(question, IntNode.valueOf(points)), null,
                    false));
        }
        return seeOther(links.answerPath(id), request);
    }

    /** A survey opened from a shared link or a QR code: a new invitation, answered on its page. */
    @GetMapping("/open/{survey}")
    @Nullable String open(@PathVariable String survey, @RequestParam(required = false) String channel,
            @RequestParam(required = false) @Nullable String locale,
            @RequestParam(required = false) @Nullable String orderId, @RequestParam(required = false) String sig,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
            HttpServletRequest request, HttpServletResponse response) {
        limiter.countIp(request.getRemoteAddr());
        Survey.Id id = new Survey.Id(uuid(survey));
        if (channel == null || !links.validOpen(id, channel, locale, orderId, sig)) {
            throw forged();
        }
        if ("HEAD".equals(request.getMethod())) {
            // A link checker: the link is valid, and opens nothing.
            response.setStatus(HttpStatus.OK.value());
            return null;
        }
        String shopperLocale = locale != null ? locale : firstLanguage(acceptLanguage);
        Invitation invitation = invitations.open(id, channel, null, shopperLocale, orderId, null);
        return seeOther(links.answerPath(invitation.token()), request);
    }

    /** The answer page: the form with what was answered so far, or the thanks once the response is complete. */
    @GetMapping("/answer/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String sig,
            @RequestParam(required = false) @Nullable String edit, HttpServletRequest request, Model model) {
        limiter.countIp(request.getRemoteAddr());
        UUID id = signedToken(token, sig);
        SurveyForm form = formFor(id, request);
        Optional<SurveyResponse> response = responses.find(id);
        model.addAttribute("words", request.getAttribute(WORDS));
        model.addAttribute("color", form.appearance().primaryColor());
        model.addAttribute("action", "/public/surveys/answer/" + id);
        model.addAttribute("sig", sig);
        model.addAttribute("changeUrl", links.answerPath(id) + "&edit");
        if (response.isPresent() && response.get().complete() && edit == null) {
            model.addAttribute("state", "thanks");
            return PAGE;
        }
        Map<String, JsonNode> answers = response.map(SurveyResponse::answers).orElse(Map.of());
        model.addAttribute("state", "form");
        model.addAttribute("more", response.isPresent() && !response.get().complete());
        model.addAttribute("form", AnswerForm.of(form, answers, AnswerForm.score(form, answers)));
        return PAGE;
    }

    /**
     * The answer page's form: stores what it holds and shows the page again — with the further questions a changed
     * score brings up, or the thanks when none are left.
     */
    @PostMapping(path = "/answer/{token}")
    String answer(@PathVariable String token, @RequestParam(required = false) String sig,
            @RequestParam(required = false) @Nullable String shownFor, HttpServletRequest request) {
        limiter.countIp(request.getRemoteAddr());
        UUID id = signedToken(token, sig);
        SurveyForm form = formFor(id, request);
        Integer drawnFor = shownFor == null || shownFor.isBlank() ? null : whole(shownFor);
        Map<String, JsonNode> answers = AnswerForm.answers(form, drawnFor, request);
        Set<String> drawn = AnswerForm.shownIds(form, drawnFor);
        Integer score = AnswerForm.score(form, answers);
        if (score == null) {
            score = responses.find(id).map(SurveyResponse::score).orElse(null);
        }
        boolean nothingNew = drawn.containsAll(AnswerForm.shownIds(form, score));
        responses.answer(id, new SurveyResponses.Submission(answers, null, nothingNew));
        return seeOther(links.answerPath(id), request);
    }

    /**
     * The unsubscribe link of a mail: a page that asks to confirm (a mail scanner's GET must not unsubscribe
     * anyone), whose button posts to the same signed URL, as a mail client's one-click unsubscribe does (RFC 8058).
     */
    @GetMapping("/unsubscribe/{token}")
    String unsubscribePage(@PathVariable String token, @RequestParam(required = false) String sig,
            HttpServletRequest request, Model model) {
        limiter.countIp(request.getRemoteAddr());
        UUID id = unsubscribeToken(token, sig);
        model.addAttribute("words", wordsFor(id, request));
        model.addAttribute("action", "/public/surveys/unsubscribe/" + id);
        model.addAttribute("sig", sig);
        model.addAttribute("state", "unsubscribe");
        return PAGE;
    }

    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, @RequestParam(required = false) String sig,
            HttpServletRequest request, Model model) {
        limiter.countIp(request.getRemoteAddr());
        UUID id = unsubscribeToken(token, sig);
        ShopperWords words = wordsFor(id, request);
        if (!invitations.unsubscribe(id)) {
            throw closed();
        }
        model.addAttribute("words", words);
        model.addAttribute("state", "unsubscribed");
        return PAGE;
    }

    private UUID unsubscribeToken(String token, @Nullable String sig) {
        UUID id = uuid(token);
        if (!links.validUnsubscribe(id, sig)) {
            throw forged();
        }
        return id;
    }

    private ShopperWords wordsFor(UUID token, HttpServletRequest request) {
        formFor(token, request);
        return (ShopperWords) request.getAttribute(WORDS);
    }

    /**
     * The survey of an invitation as its person sees it; Rapport's own words in its language go to the request, for
     * the page and for any refusal now that the link is known to be genuine.
     */
    private SurveyForm formFor(UUID token, HttpServletRequest request) {
        Invitation invitation = invitations.find(token).orElseThrow(SurveyPagesController::closed);
        Survey survey = surveys.find(invitation.surveyId()).orElseThrow(SurveyPagesController::closed);
        SurveyForm form = surveys.form(survey, invitation.locale());
        request.setAttribute(WORDS, ShopperWords.in(form.language()));
        return form;
    }

    /** A redirect to the answer page as 303: always a GET, and a reload does not repeat what led there. */
    private static String seeOther(String path, HttpServletRequest request) {
        request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
        return "redirect:" + path;
    }

    private UUID signedToken(String token, @Nullable String sig) {
        UUID id = uuid(token);
        if (!links.validAnswer(id, sig)) {
            throw forged();
        }
        return id;
    }

    private static @Nullable String firstLanguage(@Nullable String acceptLanguage) {
        if (acceptLanguage == null) {
            return null;
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream().map(Locale.LanguageRange::getRange)
                    .filter(r -> !r.contains("*")).findFirst().orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw forged();
        }
    }

    private static int whole(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw forged();
        }
    }

    /** A link whose signature does not hold: nothing of it is looked at or stored. */
    private static Refused forged() {
        return new Refused(HttpStatus.FORBIDDEN, "refused.forged");
    }

    /** A signed link to something gone (an erased invitation, a deleted survey). */
    private static Refused closed() {
        return new Refused(HttpStatus.NOT_FOUND, "refused.closed");
    }

    /** Why a page cannot be shown: its status and the key of the shopper words that say why. */
    static final class Refused extends RuntimeException {

        private final HttpStatus status;
        private final String reason;

        Refused(HttpStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }

    @ExceptionHandler(Refused.class)
    String refused(Refused refused, HttpServletRequest request, HttpServletResponse response, Model model) {
        return refusal(refused.status, refused.reason, null, request, response, model);
    }

    /** What the survey services refuse: an answer window that closed (410), a survey no longer open, bad answers. */
    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (problem.status() == HttpStatus.BAD_REQUEST) {
            return refusal(HttpStatus.BAD_REQUEST, "refused.invalid", problem.getMessage(), request, response, model);
        }
        HttpStatus status = problem.status() == HttpStatus.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.GONE;
        return refusal(status, "refused.closed", null, request, response, model);
    }

    @ExceptionHandler(WidgetRateLimited.class)
    String rateLimited(WidgetRateLimited limited, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        return refusal(HttpStatus.TOO_MANY_REQUESTS, "refused.busy", null, request, response, model);
    }

    private static String refusal(HttpStatus status, String reason, @Nullable String detail,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        String acceptLanguage = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        response.setStatus(status.value());
        model.addAttribute("words", request.getAttribute(WORDS) instanceof ShopperWords words ? words
                : ShopperWords.accepting(acceptLanguage == null ? "" : acceptLanguage));
        model.addAttribute("state", "refused");
        model.addAttribute("title", reason + ".title");
        model.addAttribute("reason", detail == null ? reason : null);
        model.addAttribute("detail", detail);
        model.addAttribute("color", "#1d4ed8");
        return PAGE;
    }
}
