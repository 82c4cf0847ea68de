package io.rapport.insight;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * A funnel: its steps in order and the conversion window, the time after entering (the first step) within which
 * every later step must happen (docs/metrics.md, "Funnels").
 */
public record FunnelDefinition(List<FunnelStep> steps, Duration window) {

    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 10;
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(90);

    public FunnelDefinition {
        steps = List.copyOf(steps);
    }

    /** A step as a request gives it: type track (default), page or screen; a property filter is optional. */
    public record StepDraft(@Nullable String type, @Nullable String name, @Nullable String property,
            @Nullable String equals) {
    }

    /** Checks a funnel as a request gives it; a problem names the first offending field, e.g. {@code steps[1].name}. */
    public static FunnelDefinition of(@Nullable List<StepDraft> drafts, @Nullable String window) {
        if (drafts == null || drafts.size() < MIN_STEPS || drafts.size() > MAX_STEPS) {
            throw ApiProblem.invalidField("steps", "A funnel has " + MIN_STEPS + " to " + MAX_STEPS + " steps"
                    + (drafts == null ? "." : "; this one has " + drafts.size() + "."));
        }
        List<FunnelStep> steps = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            steps.add(step("steps[" + i + "]", drafts.get(i)));
        }
        return new FunnelDefinition(steps, window(window));
    }

    /** The window as an ISO-8601 duration, in days when it is whole days ({@code P7D} rather than {@code PT168H}). */
    public String windowText() {
        return window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
    }

    public List<String> labels() {
        return steps.stream().map(FunnelStep::label).toList();
    }

    private static FunnelStep step(String field, @Nullable StepDraft draft) {
        if (draft == null) {
            throw ApiProblem.invalidField(field, "Give each step a type and a name.");
        }
        FunnelStep.Kind kind = FunnelStep.Kind.fromWire(draft.type()).orElseThrow(() -> ApiProblem.invalidField(
                field + ".type", "type must be track, page or screen."));
        String name = text(field + ".name", draft.name());
        if (kind == FunnelStep.Kind.TRACK && name.isEmpty()) {
            throw ApiProblem.invalidField(field + ".name", "Name the event of this step, e.g. 'Order Completed'.");
        }
        String property = text(field + ".property", draft.property());
        if (property.isEmpty()) {
            return new FunnelStep(kind, name, null, null);
        }
        if (draft.equals() == null) {
            throw ApiProblem.invalidField(field + ".equals", "Give the value property '" + property + "' must equal.");
        }
        return new FunnelStep(kind, name, property, text(field + ".equals", draft.equals()));
    }

    private static String text(String field, @Nullable String value) {
        String text = value == null ? "" : value.strip();
        if (text.length() > FunnelStep.MAX_TEXT) {
            throw ApiProblem.invalidField(field, "At most " + FunnelStep.MAX_TEXT + " characters.");
        }
        return text;
    }

    private static Duration window(@Nullable String text) {
        Duration window;
        try {
            window = Duration.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("window", "window is an ISO-8601 duration such as PT1H or P7D.");
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw ApiProblem.invalidField("window", "The conversion window is 1 minute to 90 days (PT1M to P90D); "
                    + "this one is " + window + ".");
        }
        return window;
    }
}
