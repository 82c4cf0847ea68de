package io.rapport.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * The survey builder's form as the browser sends it: every part of a {@link SurveyDefinition} as text fields, texts
 * per language keyed by tag ({@code questions[0].text[pt-BR]}). Numbers stay text until {@link #definition()} reads
 * them, so a typo is reported on its field like the survey service's own problems, under the same path
 * ({@code throttling.maxTimes}). A mutable bean because Spring binds nested lists and maps into it.
 */
public class SurveyBuilderForm {

    /** Largest values the builder's own structure actions allow; the survey service checks the same limits. */
    static final int MAX_QUESTIONS = 20;
    static final int MAX_OPTIONS = 20;
    static final int MAX_VARIANTS = 10;
    static final int MAX_TRIGGERS = 10;

    private String name = "";
    private String type = SurveyType.NPS.name();
    private String defaultLanguage = "en";
    private String otherLanguages = "";
    private @Nullable Integer version;
    private List<QuestionFields> questions = new ArrayList<>();
    private List<TriggerFields> triggers = new ArrayList<>();
    private String maxTimes = "";
    private String everyDays = "";
    private String samplingPercent = "100";
    private String position = Appearance.Position.BOTTOM_RIGHT.wireName();
    private String delaySeconds = "5";
    private String primaryColor = Appearance.DEFAULT.primaryColor();
    private String backgroundColor = Appearance.DEFAULT.backgroundColor();
    private String textColor = Appearance.DEFAULT.textColor();
    private String previewLanguage = "";
    private String previewScore = "";

    /** A question's fields; which are used depends on its kind. */
    public static class QuestionFields {
        private String id = "";
        private String kind = Question.Kind.TEXT.wireName();
        private Map<String, String> text = new LinkedHashMap<>();
        private String showWhenMin = "";
        private String showWhenMax = "";
        private String scaleMin = "";
        private String scaleMax = "";
        private Map<String, String> lowLabel = new LinkedHashMap<>();
        private Map<String, String> highLabel = new LinkedHashMap<>();
        private List<OptionFields> options = new ArrayList<>();
        private List<VariantFields> variants = new ArrayList<>();

        public String getId() { return id; }
        public void setId(String id) { this.id = strip(id); }
        public String getKind() { return kind; }
        public void setKind(String kind) { this.kind = strip(kind); }
        public Map<String, String> getText() { return text; }
        public void setText(Map<String, String> text) { this.text = text; }
        public String getShowWhenMin() { return showWhenMin; }
        public void setShowWhenMin(String value) { this.showWhenMin = strip(value); }
        public String getShowWhenMax() { return showWhenMax; }
        public void setShowWhenMax(String value) { this.showWhenMax = strip(value); }
        public String getScaleMin() { return scaleMin; }
        public void setScaleMin(String value) { this.scaleMin = strip(value); }
        public String getScaleMax() { return scaleMax; }
        public void setScaleMax(String value) { this.scaleMax = strip(value); }
        public Map<String, String> getLowLabel() { return lowLabel; }
        public void setLowLabel(Map<String, String> lowLabel) { this.lowLabel = lowLabel; }
        public Map<String, String> getHighLabel() { return highLabel; }
        public void setHighLabel(Map<String, String> highLabel) { this.highLabel = highLabel; }
        public List<OptionFields> getOptions() { return options; }
        public void setOptions(List<OptionFields> options) { this.options = options; }
        public List<VariantFields> getVariants() { return variants; }
        public void setVariants(List<VariantFields> variants) { this.variants = variants; }

        public boolean scored() {
            return kind.equals("score") || kind.equals("rating");
        }

        public boolean choice() {
            return kind.equals("single_choice") || kind.equals("multiple_choice");
        }
    }

    public static class OptionFields {
        private String id = "";
        private Map<String, String> label = new LinkedHashMap<>();

        public String getId() { return id; }
        public void setId(String id) { this.id = strip(id); }
        public Map<String, String> getLabel() { return label; }
        public void setLabel(Map<String, String> label) { this.label = label; }
    }

    /** Another wording of a question for the scores {@code min}–{@code max}. */
    public static class VariantFields {
        private String min = "";
        private String max = "";
        private Map<String, String> text = new LinkedHashMap<>();

        public String getMin() { return min; }
        public void setMin(String min) { this.min = strip(min); }
        public String getMax() { return max; }
        public void setMax(String max) { this.max = strip(max); }
        public Map<String, String> getText() { return text; }
        public void setText(Map<String, String> text) { this.text = text; }
    }

    /** A tracked event (with delay and channel) or a page URL pattern. */
    public static class TriggerFields {
        private String type = "event";
        private String event = "";
        private String delayDays = "0";
        private String channel = "web";
        private String urlPattern = "";

        public String getType() { return type; }
        public void setType(String type) { this.type = strip(type); }
        public String getEvent() { return event; }
        public void setEvent(String event) { this.event = strip(event); }
        public String getDelayDays() { return delayDays; }
        public void setDelayDays(String delayDays) { this.delayDays = strip(delayDays); }
        public String getChannel() { return channel; }
        public void setChannel(String channel) { this.channel = strip(channel); }
        public String getUrlPattern() { return urlPattern; }
        public void setUrlPattern(String urlPattern) { this.urlPattern = strip(urlPattern); }
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = strip(name); }
    public String getType() { return type; }
    public void setType(String type) { this.type = strip(type).toUpperCase(Locale.ROOT); }
    public String getDefaultLanguage() { return defaultLanguage; }
    public void setDefaultLanguage(String language) { this.defaultLanguage = strip(language); }
    public String getOtherLanguages() { return otherLanguages; }
    public void setOtherLanguages(String languages) { this.otherLanguages = strip(languages); }
    public @Nullable Integer getVersion() { return version; }
    public void setVersion(@Nullable Integer version) { this.version = version; }
    public List<QuestionFields> getQuestions() { return questions; }
    public void setQuestions(List<QuestionFields> questions) { this.questions = questions; }
    public List<TriggerFields> getTriggers() { return triggers; }
    public void setTriggers(List<TriggerFields> triggers) { this.triggers = triggers; }
    public String getMaxTimes() { return maxTimes; }
    public void setMaxTimes(String maxTimes) { this.maxTimes = strip(maxTimes); }
    public String getEveryDays() { return everyDays; }
    public void setEveryDays(String everyDays) { this.everyDays = strip(everyDays); }
    public String getSamplingPercent() { return samplingPercent; }
    public void setSamplingPercent(String percent) { this.samplingPercent = strip(percent); }
    public String getPosition() { return position; }
    public void setPosition(String position) { this.position = strip(position); }
    public String getDelaySeconds() { return delaySeconds; }
    public void setDelaySeconds(String delaySeconds) { this.delaySeconds = strip(delaySeconds); }
    public String getPrimaryColor() { return primaryColor; }
    public void setPrimaryColor(String color) { this.primaryColor = strip(color); }
    public String getBackgroundColor() { return backgroundColor; }
    public void setBackgroundColor(String color) { this.backgroundColor = strip(color); }
    public String getTextColor() { return textColor; }
    public void setTextColor(String color) { this.textColor = strip(color); }
    public String getPreviewLanguage() { return previewLanguage; }
    public void setPreviewLanguage(String language) { this.previewLanguage = strip(language); }
    public String getPreviewScore() { return previewScore; }
    public void setPreviewScore(String score) { this.previewScore = strip(score); }

    /** Every language of the survey, the default first, as typed (the service reads {@code pt_br} as pt-BR). */
    public List<String> languages() {
        List<String> tags = new ArrayList<>();
        if (!defaultLanguage.isEmpty()) {
            tags.add(defaultLanguage);
        }
        Arrays.stream(otherLanguages.split("[,\\s]+")).map(String::strip).filter(t -> !t.isEmpty())
                .filter(t -> !tags.contains(t)).forEach(tags::add);
        return tags;
    }

    /** The scale of the survey type's score question, for the preview's score choice. */
    public @Nullable ScoreRange scale() {
        try {
            return SurveyType.valueOf(type).scale();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The definition these fields describe, for the survey service to check; a problem naming each field whose number
     * cannot be read. Texts are kept in the survey's languages only, so a language removed from the list takes its
     * texts with it.
     */
    SurveyDefinition definition() {
        Numbers numbers = new Numbers();
        List<String> languages = languages();
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            QuestionFields q = questions.get(i);
            String field = "questions[" + i + "]";
            List<Question.Variant> variants = new ArrayList<>();
            for (int v = 0; v < q.variants.size(); v++) {
                VariantFields variant = q.variants.get(v);
                variants.add(new Question.Variant(numbers.range(field + ".variants[" + v + "].scores", variant.min,
                        variant.max), texts(variant.text, languages)));
            }
            ScoreRange scale = q.kind.equals("rating") ? numbers.range(field + ".scale", q.scaleMin, q.scaleMax) : null;
            qs.add(new Question(q.id, kind(q.kind), texts(q.text, languages), variants,
                    numbers.range(field + ".showWhen", q.showWhenMin, q.showWhenMax), scale,
                    q.scored() ? texts(q.lowLabel, languages) : null, q.scored() ? texts(q.highLabel, languages) : null,
                    q.choice() ? q.options.stream().map(o -> new Question.Option(o.id, texts(o.label, languages)))
                            .toList() : List.of()));
        }
        List<Trigger> ts = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            TriggerFields t = triggers.get(i);
            ts.add(t.type.equals("page") ? new Trigger.Page(t.urlPattern)
                    : new Trigger.Event(t.event, numbers.whole("triggers[" + i + "].delayDays", t.delayDays),
                            t.channel.isEmpty() ? null : t.channel));
        }
        Integer percent = numbers.whole("throttling.samplingRate", samplingPercent);
        Throttling throttling = new Throttling(numbers.whole("throttling.maxTimes", maxTimes),
                numbers.whole("throttling.everyDays", everyDays), percent == null ? null : percent / 100.0);
        Appearance appearance = new Appearance(position(), numbers.whole("appearance.delaySeconds", delaySeconds),
                primaryColor, backgroundColor, textColor);
        numbers.complain();
        return new SurveyDefinition(name, type(), defaultLanguage, languages, qs, ts, throttling, appearance);
    }

    /**
     * Changes the form's structure as a builder button asks: {@code add-question}, {@code remove-question:2},
     * {@code up-question:2}, {@code down-question:2}, {@code add-option:2}, {@code remove-option:2:1},
     * {@code add-variant:2}, {@code remove-variant:2:0}, {@code add-trigger}, {@code remove-trigger:1}; anything else
     * (e.g. {@code refresh} after the languages changed) only draws the form again.
     */
    void apply(String op) {
        String[] parts = op.split(":");
        int i = parts.length > 1 ? index(parts[1]) : -1;
        int j = parts.length > 2 ? index(parts[2]) : -1;
        boolean question = i >= 0 && i < questions.size();
        switch (parts[0]) {
            case "add-question" -> {
                if (questions.size() < MAX_QUESTIONS) {
                    QuestionFields q = new QuestionFields();
                    q.id = freeId();
                    questions.add(q);
                }
            }
            case "remove-question" -> {
                if (question) {
                    questions.remove(i);
                }
            }
            case "up-question" -> {
                if (question && i > 0) {
                    questions.add(i - 1, questions.remove(i));
                }
            }
            case "down-question" -> {
                if (question && i < questions.size() - 1) {
                    questions.add(i + 1, questions.remove(i));
                }
            }
            case "add-option" -> {
                if (question && questions.get(i).options.size() < MAX_OPTIONS) {
                    OptionFields o = new OptionFields();
                    o.id = "option-" + (questions.get(i).options.size() + 1);
                    questions.get(i).options.add(o);
                }
            }
            case "remove-option" -> {
                if (question && j >= 0 && j < questions.get(i).options.size()) {
                    questions.get(i).options.remove(j);
                }
            }
            case "add-variant" -> {
                if (question && questions.get(i).variants.size() < MAX_VARIANTS) {
                    questions.get(i).variants.add(new VariantFields());
                }
            }
            case "remove-variant" -> {
                if (question && j >= 0 && j < questions.get(i).variants.size()) {
                    questions.get(i).variants.remove(j);
                }
            }
            case "add-trigger" -> {
                if (triggers.size() < MAX_TRIGGERS) {
                    triggers.add(new TriggerFields());
                }
            }
            case "remove-trigger" -> {
                if (i >= 0 && i < triggers.size()) {
                    triggers.remove(i);
                }
            }
            default -> {
            }
        }
    }

    private static int index(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String freeId() {
        for (int n = questions.size() + 1; ; n++) {
            String id = "q" + n;
            if (questions.stream().noneMatch(q -> q.id.equals(id))) {
                return id;
            }
        }
    }

    /**
     * Where a new survey of {@code type} starts: for NPS, CSAT and CES the standard score and reason questions (their
     * wordings are filled in when checked) and a trigger that suits the type; for a custom survey a 1–5 score question
     * and a text question in English.
     */
    static SurveyDefinition template(SurveyType type) {
        List<Question> questions = type == SurveyType.CUSTOM
                ? List.of(new Question("score", Question.Kind.SCORE, english("How would you rate your visit today?"),
                        null, null, null, english("Poor"), english("Excellent"), null),
                        new Question("comment", Question.Kind.TEXT, english("What could we do better?"), null, null,
                                null, null, null, null))
                : List.of(new Question("score", Question.Kind.SCORE, null, null, null, null, null, null, null),
                        new Question("reason", Question.Kind.REASON, null, null, null, null, null, null, null));
        List<Trigger> triggers = switch (type) {
            case NPS -> List.of(new Trigger.Event("Order Completed", 7, null));
            case CSAT -> List.of(new Trigger.Event("Order Completed", 3, null));
            case CES -> List.of(new Trigger.Event("Ticket Solved", 0, null));
            case CUSTOM -> List.of(new Trigger.Page("/checkout/thank-you*"));
        };
        String name = switch (type) {
            case NPS -> "Net Promoter Score";
            case CSAT -> "Customer satisfaction";
            case CES -> "Customer effort";
            case CUSTOM -> "Custom survey";
        };
        return new SurveyDefinition(name, type, "en", List.of("en"), questions, triggers,
                new Throttling(null, type == SurveyType.NPS ? 90 : null, null), null);
    }

    private static Texts english(String text) {
        return new Texts(Map.of("en", text));
    }

    /** The form of a stored (or checked) definition. */
    static SurveyBuilderForm of(SurveyDefinition d, @Nullable Integer version) {
        SurveyBuilderForm form = new SurveyBuilderForm();
        form.name = d.name();
        form.type = d.type().name();
        form.defaultLanguage = d.defaultLanguage();
        form.otherLanguages = String.join(", ", d.languages().stream().filter(l -> !l.equals(d.defaultLanguage()))
                .toList());
        form.version = version;
        for (Question q : d.questions()) {
            QuestionFields fields = new QuestionFields();
            fields.id = q.id();
            fields.kind = q.kind().wireName();
            fields.text = map(q.text());
            if (q.showWhen() != null) {
                fields.showWhenMin = Integer.toString(q.showWhen().min());
                fields.showWhenMax = Integer.toString(q.showWhen().max());
            }
            if (q.kind() == Question.Kind.RATING && q.scale() != null) {
                fields.scaleMin = Integer.toString(q.scale().min());
                fields.scaleMax = Integer.toString(q.scale().max());
            }
            fields.lowLabel = map(q.lowLabel());
            fields.highLabel = map(q.highLabel());
            for (Question.Option option : q.options()) {
                OptionFields o = new OptionFields();
                o.id = option.id();
                o.label = map(option.label());
                fields.options.add(o);
            }
            for (Question.Variant variant : q.variants()) {
                VariantFields v = new VariantFields();
                v.min = Integer.toString(variant.scores().min());
                v.max = Integer.toString(variant.scores().max());
                v.text = map(variant.text());
                fields.variants.add(v);
            }
            form.questions.add(fields);
        }
        for (Trigger trigger : d.triggers()) {
            TriggerFields t = new TriggerFields();
            switch (trigger) {
                case Trigger.Event event -> {
                    t.type = "event";
                    t.event = event.event();
                    t.delayDays = Integer.toString(event.delayDays());
                    t.channel = event.channel();
                }
                case Trigger.Page page -> {
                    t.type = "page";
                    t.urlPattern = page.urlPattern();
                }
            }
            form.triggers.add(t);
        }
        Throttling t = d.throttling();
        form.maxTimes = t.maxTimes() == null ? "" : t.maxTimes().toString();
        form.everyDays = t.everyDays() == null ? "" : t.everyDays().toString();
        form.samplingPercent = Long.toString(Math.round(t.samplingRate() * 100));
        Appearance a = d.appearance();
        form.position = a.position().wireName();
        form.delaySeconds = a.delaySeconds().toString();
        form.primaryColor = sixDigits(a.primaryColor());
        form.backgroundColor = sixDigits(a.backgroundColor());
        form.textColor = sixDigits(a.textColor());
        return form;
    }

    private @Nullable SurveyType type() {
        try {
            return SurveyType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Question.@Nullable Kind kind(String kind) {
        try {
            return Question.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Appearance.@Nullable Position position() {
        return Arrays.stream(Appearance.Position.values()).filter(p -> p.wireName().equals(position)).findFirst()
                .orElse(null);
    }

    /**
     * The texts given in the survey's languages, blank ones left out (so the service names the missing languages);
     * none when all are blank, for the standard wording.
     */
    private static @Nullable Texts texts(Map<String, String> byLanguage, List<String> languages) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String language : languages) {
            String text = byLanguage.get(language);
            if (text != null && !text.isBlank()) {
                kept.put(language, text.strip());
            }
        }
        return kept.isEmpty() ? null : new Texts(kept);
    }

    private static Map<String, String> map(@Nullable Texts texts) {
        return texts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(texts.byLanguage());
    }

    /** {@code #rrggbb} for {@code #rgb}: a colour picker knows only the long form. */
    private static String sixDigits(String color) {
        return color.matches("#\\p{XDigit}{3}") ? "#" + color.charAt(1) + color.charAt(1) + color.charAt(2)
                + color.charAt(2) + color.charAt(3) + color.charAt(3) : color;
    }

    private static String strip(@Nullable String text) {
        return text == null ? "" : text.strip();
    }

    /** Whole numbers read from text fields, with a problem per field that holds something else. */
    private static final class Numbers {

        private final List<ApiProblem.FieldError> errors = new ArrayList<>();

        @Nullable Integer whole(String field, String text) {
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                errors.add(new ApiProblem.FieldError(field, "Give a whole number, e.g. 3."));
                return null;
            }
        }

        /** A range from two fields; none when both are empty. */
        @Nullable ScoreRange range(String field, String min, String max) {
            if (min.isEmpty() && max.isEmpty()) {
                return null;
            }
            Integer low = whole(field, min);
            Integer high = whole(field, max);
            if (low == null || high == null) {
                if (min.isEmpty() || max.isEmpty()) {
                    errors.add(new ApiProblem.FieldError(field, "Give both the lowest and the highest score."));
                }
                return null;
            }
            return new ScoreRange(low, high);
        }

        void complain() {
            if (!errors.isEmpty()) {
                throw ApiProblem.invalidFields(errors);
            }
        }
    }
}
