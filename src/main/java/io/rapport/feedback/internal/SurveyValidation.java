package io.rapport.feedback.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.rapport.feedback.Appearance;
import io.rapport.feedback.Question;
import io.rapport.feedback.ScoreRange;
import io.rapport.feedback.SurveyDefinition;
import io.rapport.feedback.SurveyType;
import io.rapport.feedback.Texts;
import io.rapport.feedback.Throttling;
import io.rapport.feedback.Trigger;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * Checks a survey definition and brings it into its stored form: language tags in their canonical spelling, the
 * standard wordings where texts were left out, scales filled in. Every problem is reported with the path of its
 * field ({@code questions[1].text.de}), all at once.
 */
final class SurveyValidation {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_LANGUAGES = 20;
    static final int MAX_QUESTIONS = 20;
    static final int MAX_OPTIONS = 20;
    static final int MAX_TRIGGERS = 10;
    static final int MAX_TEXT_LENGTH = 1_000;
    static final int MAX_EVENT_NAME_LENGTH = 200;
    static final int MAX_URL_PATTERN_LENGTH = 2_000;
    static final int MAX_DELAY_DAYS = 365;
    static final int MAX_TIMES = 1_000;
    static final int MAX_EVERY_DAYS = 3_650;
    static final int MAX_WIDGET_DELAY_SECONDS = 3_600;
    /** A rating's scale when none is given, and the widest one allowed. */
    static final ScoreRange DEFAULT_RATING_SCALE = new ScoreRange(1, 5);
    static final ScoreRange RATING_BOUNDS = new ScoreRange(0, 10);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{6})");

    private final Set<String> channels;
    private final List<ApiProblem.FieldError> errors = new ArrayList<>();
    private SurveyType type = SurveyType.CUSTOM;
    private String defaultLanguage = "en";
    private List<String> languages = List.of();
    private boolean hasScore;

    private SurveyValidation(Set<String> channels) {
        this.channels = channels;
    }

    /** The definition in its stored form; an {@link ApiProblem} listing every invalid field if it is not valid. */
    static SurveyDefinition check(SurveyDefinition definition, Set<String> channels) {
        return new SurveyValidation(channels).run(definition);
    }

    private SurveyDefinition run(SurveyDefinition d) {
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            error("name", "Give the survey a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        if (d.type() == null) {
            error("type", "Choose the survey's type: NPS, CSAT, CES or CUSTOM.");
        } else {
            type = d.type();
        }
        Optional<String> language = Languages.normalize(d.defaultLanguage());
        if (language.isEmpty()) {
            error("defaultLanguage", "Give the default language as a language tag such as en or pt-BR.");
        }
        defaultLanguage = language.orElse(defaultLanguage);
        languages = languages(d.languages());
        if (!errors.isEmpty()) {
            // Questions are read in the survey's type and languages: without them every text would be reported.
            throw ApiProblem.invalidFields(errors);
        }
        List<Question> questions = questions(d.questions());
        List<Trigger> triggers = triggers(d.triggers());
        throttling(d.throttling());
        appearance(d.appearance());
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return new SurveyDefinition(name, type, defaultLanguage, languages, questions, triggers, d.throttling(),
                d.appearance());
    }

    private List<String> languages(List<String> given) {
        List<String> tags = new ArrayList<>(List.of(defaultLanguage));
        for (int i = 0; i < given.size(); i++) {
            Optional<String> tag = Languages.normalize(given.get(i));
            if (tag.isEmpty()) {
                error("languages[" + i + "]", "'" + given.get(i) + "' is not a language tag such as en or pt-BR.");
            } else if (!tags.contains(tag.get())) {
                tags.add(tag.get());
            }
        }
        if (tags.size() > MAX_LANGUAGES) {
            error("languages", "A survey has at most " + MAX_LANGUAGES + " languages.");
        }
        return List.copyOf(tags);
    }

    private List<Question> questions(List<Question> given) {
        if (given.isEmpty() || given.size() > MAX_QUESTIONS) {
            error("questions", "A survey has 1 to " + MAX_QUESTIONS + " questions.");
            return List.of();
        }
        hasScore = given.getFirst() != null && given.getFirst().kind() == Question.Kind.SCORE;
        if (type != SurveyType.CUSTOM && !hasScore) {
            error("questions[0].kind", "The first question of an NPS, CSAT or CES survey is its score question "
                    + "(kind score).");
        }
        Set<String> ids = new HashSet<>();
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "questions[" + i + "]";
            Question q = given.get(i);
            if (q == null || q.kind() == null) {
                error(field + ".kind", "Give the question's kind: score, reason, rating, single_choice, "
                        + "multiple_choice or text.");
                continue;
            }
            if (q.id() == null || !ID.matcher(q.id()).matches()) {
                error(field + ".id", "Give the question an id of 1 to 64 letters, digits, '-' or '_'.");
            } else if (!ids.add(q.id())) {
                error(field + ".id", "Another question has the id '" + q.id() + "'.");
            }
            if (q.kind() == Question.Kind.SCORE && i > 0) {
                error(field + ".kind", "A survey has one score question, and it comes first.");
            }
            questions.add(question(field, q));
        }
        return questions;
    }

    private Question question(String field, Question q) {
        Texts text = q.text();
        List<Question.Variant> variants = q.variants();
        ScoreRange scale = null;
        List<Question.Option> options = List.of();
        Texts low = q.lowLabel();
        Texts high = q.highLabel();
        switch (q.kind()) {
            case SCORE -> {
                if (q.scale() != null && !q.scale().equals(type.scale())) {
                    error(field + ".scale", type + " scores are on " + type.scale() + "; leave scale out or give min "
                            + type.minScore() + " and max " + type.maxScore() + ".");
                }
                scale = type.scale();
                if (type != SurveyType.CUSTOM) {
                    text = StandardWordings.filled(text, StandardWordings.scoreKey(type, "score"), languages);
                    low = StandardWordings.filled(low, StandardWordings.scoreKey(type, "low"), languages);
                    high = StandardWordings.filled(high, StandardWordings.scoreKey(type, "high"), languages);
                }
            }
            case REASON -> {
                if (!hasScore) {
                    error(field + ".kind", "A reason question asks about the score: add a score question first.");
                }
                if (text == null && variants.isEmpty()) {
                    variants = StandardWordings.reasonVariants(type, languages);
                }
                text = StandardWordings.filled(text, "reason", languages);
            }
            case RATING -> {
                scale = q.scale() == null ? DEFAULT_RATING_SCALE : q.scale();
                if (!scale.within(RATING_BOUNDS) || scale.min() == scale.max()) {
                    error(field + ".scale", "A rating runs from a lower to a higher score within "
                            + RATING_BOUNDS + ".");
                }
            }
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> options = options(field, q.options());
            case TEXT -> {
            }
        }
        boolean scored = q.kind() == Question.Kind.SCORE || q.kind() == Question.Kind.RATING;
        if (q.kind() != Question.Kind.SCORE && q.kind() != Question.Kind.RATING && q.scale() != null) {
            error(field + ".scale", "Only score and rating questions have a scale.");
        }
        if (!scored && (low != null || high != null)) {
            error(field + (low != null ? ".lowLabel" : ".highLabel"), "Only score and rating questions have labels.");
        }
        if (q.kind() != Question.Kind.SINGLE_CHOICE && q.kind() != Question.Kind.MULTIPLE_CHOICE
                && !q.options().isEmpty()) {
            error(field + ".options", "Only choice questions have options.");
        }
        Texts checkedText = texts(field + ".text", text, true);
        Texts checkedLow = texts(field + ".lowLabel", low, false);
        Texts checkedHigh = texts(field + ".highLabel", high, false);
        List<Question.Variant> checkedVariants = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            Question.Variant variant = variants.get(v);
            String variantField = field + ".variants[" + v + "]";
            if (variant == null || variant.scores() == null) {
                error(variantField + ".scores", "Give the scores (min and max) this wording is for.");
                continue;
            }
            scoreRange(variantField + ".scores", variant.scores(), q.kind());
            checkedVariants.add(new Question.Variant(variant.scores(), texts(variantField + ".text", variant.text(),
                    true)));
        }
        if (q.showWhen() != null) {
            if (q.kind() == Question.Kind.SCORE) {
                error(field + ".showWhen", "The score question is always shown.");
            } else {
                scoreRange(field + ".showWhen", q.showWhen(), q.kind());
            }
        }
        return new Question(q.id(), q.kind(), checkedText, checkedVariants, q.showWhen(), scale, checkedLow,
                checkedHigh, options);
    }

    /** A range of the score question's scores, for a question's display logic or wording. */
    private void scoreRange(String field, ScoreRange range, Question.Kind kind) {
        if (!hasScore) {
            error(field, "Display logic and wordings by score need a score question first.");
        } else if (kind == Question.Kind.SCORE) {
            error(field, "The score question's wording does not depend on its own answer.");
        } else if (!range.within(type.scale())) {
            error(field, type + " scores are on " + type.scale() + "; give min ≤ max within that.");
        }
    }

    private List<Question.Option> options(String field, List<Question.Option> given) {
        if (given.size() < 2 || given.size() > MAX_OPTIONS) {
            error(field + ".options", "A choice question has 2 to " + MAX_OPTIONS + " options.");
        }
        Set<String> ids = new HashSet<>();
        List<Question.Option> options = new ArrayList<>();
        for (int o = 0; o < given.size(); o++) {
            String optionField = field + ".options[" + o + "]";
            Question.Option option = given.get(o);
            if (option == null || option.id() == null || !ID.matcher(option.id()).matches()) {
                error(optionField + ".id", "Give the option an id of 1 to 64 letters, digits, '-' or '_'.");
                continue;
            }
            if (!ids.add(option.id())) {
                error(optionField + ".id", "Another option has the id '" + option.id() + "'.");
            }
            options.add(new Question.Option(option.id(), texts(optionField + ".label", option.label(), true)));
        }
        return options;
    }

    /**
     * A text in every language of the survey and in no other, with canonical tags. A text that may be left out
     * ({@code required} false) must still be complete when given.
     */
    private @Nullable Texts texts(String field, @Nullable Texts texts, boolean required) {
        if (texts == null || texts.byLanguage().isEmpty()) {
            if (required) {
                error(field + "." + defaultLanguage, "The text is missing in the default language " + defaultLanguage
                        + ".");
            }
            return null;
        }
        Map<String, String> normalized = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        texts.byLanguage().forEach((tag, text) -> {
            Optional<String> language = Languages.normalize(tag);
            language.ifPresent(seen::add);
            if (language.isEmpty() || !languages.contains(language.get())) {
                error(field + "." + tag, "'" + tag + "' is not one of the survey's languages " + languages
                        + ": add it to languages or remove this text.");
            } else if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
                error(field + "." + tag, "Give a text of 1 to " + MAX_TEXT_LENGTH + " characters.");
            } else {
                normalized.put(language.get(), text.strip());
            }
        });
        for (String language : languages) {
            if (!seen.contains(language)) {
                error(field + "." + language, language.equals(defaultLanguage)
                        ? "The text is missing in the default language " + language + "."
                        : "The text is missing in " + language + ", one of the survey's languages.");
            }
        }
        return new Texts(normalized);
    }

    private List<Trigger> triggers(List<Trigger> given) {
        if (given.size() > MAX_TRIGGERS) {
            error("triggers", "A survey has at most " + MAX_TRIGGERS + " triggers.");
        }
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "triggers[" + i + "]";
            switch (given.get(i)) {
                case null -> error(field + ".type", "Give the trigger's type: event or page.");
                case Trigger.Event event -> {
                    String name = event.event() == null ? "" : event.event().strip();
                    if (name.isEmpty() || name.length() > MAX_EVENT_NAME_LENGTH) {
                        error(field + ".event", "Give the tracked event's name, e.g. Order Completed (1 to "
                                + MAX_EVENT_NAME_LENGTH + " characters).");
                    }
                    if (event.delayDays() < 0 || event.delayDays() > MAX_DELAY_DAYS) {
                        error(field + ".delayDays", "The delay is 0 to " + MAX_DELAY_DAYS + " days.");
                    }
                    if (!channels.contains(event.channel())) {
                        error(field + ".channel", "'" + event.channel() + "' is not a channel Rapport can deliver "
                                + "through here; it can use " + channels + ".");
                    }
                    triggers.add(new Trigger.Event(name, event.delayDays(), event.channel()));
                }
                case Trigger.Page page -> {
                    String pattern = page.urlPattern() == null ? "" : page.urlPattern().strip();
                    if (pattern.isEmpty() || pattern.length() > MAX_URL_PATTERN_LENGTH
                            || !(pattern.startsWith("/") || pattern.startsWith("http://")
                                    || pattern.startsWith("https://") || pattern.startsWith("*"))) {
                        error(field + ".urlPattern", "Give a URL pattern such as /checkout/thank-you* or "
                                + "https://shop.example/* (up to " + MAX_URL_PATTERN_LENGTH + " characters).");
                    }
                    triggers.add(new Trigger.Page(pattern));
                }
            }
        }
        return triggers;
    }

    private void throttling(Throttling t) {
        if (t.maxTimes() != null && (t.maxTimes() < 1 || t.maxTimes() > MAX_TIMES)) {
            error("throttling.maxTimes", "maxTimes is 1 (show once) to " + MAX_TIMES + ", or left out for no limit.");
        }
        if (t.everyDays() != null && (t.everyDays() < 1 || t.everyDays() > MAX_EVERY_DAYS)) {
            error("throttling.everyDays", "everyDays is 1 to " + MAX_EVERY_DAYS + ", or left out.");
        }
        if (!(t.samplingRate() > 0 && t.samplingRate() <= 1)) {
            error("throttling.samplingRate", "The sampling rate is a share of people above 0 and up to 1 (everyone).");
        }
    }

    private void appearance(Appearance a) {
        if (a.delaySeconds() < 0 || a.delaySeconds() > MAX_WIDGET_DELAY_SECONDS) {
            error("appearance.delaySeconds", "The widget waits 0 to " + MAX_WIDGET_DELAY_SECONDS + " seconds.");
        }
        color("appearance.primaryColor", a.primaryColor());
        color("appearance.backgroundColor", a.backgroundColor());
        color("appearance.textColor", a.textColor());
    }

    private void color(String field, String color) {
        if (!COLOR.matcher(color).matches()) {
            error(field, "Give the colour as #rgb or #rrggbb, e.g. #1d4ed8.");
        }
    }

    private void error(String field, String detail) {
        errors.add(new ApiProblem.FieldError(field, detail));
    }
}
