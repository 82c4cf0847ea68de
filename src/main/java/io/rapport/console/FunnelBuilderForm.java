package io.rapport.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rapport.insight.FunnelDefinition;
import io.rapport.insight.FunnelStep;
import io.rapport.insight.SavedFunnel;
import io.rapport.platform.ApiProblem;

/**
 * The funnel builder's form as the browser sends it: a name, step rows (blank rows are left out) and the window as
 * an amount and a unit. A mutable bean because Spring binds the nested list of steps into it.
 */
public class FunnelBuilderForm {

    private static final Pattern STEP_FIELD = Pattern.compile("steps\\[(\\d+)](.*)");

    /** Rows a new funnel starts with. */
    static final int FIRST_ROWS = 3;

    private String name = "";
    private List<StepFields> steps = new ArrayList<>();
    private String windowAmount = "7";
    private String windowUnit = "days";

    /** One step row: its type (track, page or screen), name and optional property filter. */
    public static class StepFields {
        private String type = FunnelStep.Kind.TRACK.wire();
        private String name = "";
        private String property = "";
        private String equals = "";

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getProperty() {
            return property;
        }

        public void setProperty(String property) {
            this.property = property;
        }

        public String getEquals() {
            return equals;
        }

        public void setEquals(String equals) {
            this.equals = equals;
        }

        boolean blank() {
            return name.isBlank() && property.isBlank() && FunnelStep.Kind.TRACK.wire().equals(type);
        }
    }

    /** A new funnel's form: empty step rows and a window of 7 days. */
    static FunnelBuilderForm empty() {
        FunnelBuilderForm form = new FunnelBuilderForm();
        form.padRows(FIRST_ROWS);
        return form;
    }

    static FunnelBuilderForm of(SavedFunnel funnel) {
        FunnelBuilderForm form = new FunnelBuilderForm();
        form.name = funnel.name();
        for (FunnelStep step : funnel.definition().steps()) {
            StepFields row = new StepFields();
            row.type = step.type().wire();
            row.name = step.name();
            row.property = step.property() == null ? "" : step.property();
            row.equals = step.equals() == null ? "" : step.equals();
            form.steps.add(row);
        }
        long seconds = funnel.definition().window().toSeconds();
        form.windowUnit = seconds % 86_400 == 0 ? "days" : seconds % 3_600 == 0 ? "hours" : "minutes";
        form.windowAmount = Long.toString(seconds / switch (form.windowUnit) {
            case "days" -> 86_400;
            case "hours" -> 3_600;
            default -> 60;
        });
        form.padRows(form.steps.size() + 1);
        return form;
    }

    /** Adds blank rows up to {@code rows} (at most the steps a funnel may have). */
    void padRows(int rows) {
        while (steps.size() < Math.min(rows, FunnelDefinition.MAX_STEPS)) {
            steps.add(new StepFields());
        }
    }

    /**
     * The funnel the form describes, checked by the same rules as the API; a problem names the row as the form
     * numbers it ({@code steps[1].name}), blank rows included.
     */
    FunnelDefinition definition() {
        List<FunnelDefinition.StepDraft> drafts = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepFields row = steps.get(i);
            if (!row.blank()) {
                drafts.add(new FunnelDefinition.StepDraft(row.type, row.name, row.property,
                        row.equals.isEmpty() ? null : row.equals));
                rows.add(i);
            }
        }
        try {
            return FunnelDefinition.of(drafts, window());
        } catch (ApiProblem problem) {
            Matcher step = STEP_FIELD.matcher(problem.field() == null ? "" : problem.field());
            if (step.matches()) {
                throw ApiProblem.invalidField("steps[" + rows.get(Integer.parseInt(step.group(1))) + "]"
                        + step.group(2), problem.getMessage());
            }
            throw problem;
        }
    }

    private String window() {
        long amount;
        try {
            amount = Long.parseLong(windowAmount.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("window", "Give the window as a whole number of minutes, hours or days.");
        }
        return switch (windowUnit.toLowerCase(Locale.ROOT)) {
            case "minutes" -> "PT" + amount + "M";
            case "hours" -> "PT" + amount + "H";
            default -> "P" + amount + "D";
        };
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<StepFields> getSteps() {
        return steps;
    }

    public void setSteps(List<StepFields> steps) {
        this.steps = steps;
    }

    public String getWindowAmount() {
        return windowAmount;
    }

    public void setWindowAmount(String windowAmount) {
        this.windowAmount = windowAmount;
    }

    public String getWindowUnit() {
        return windowUnit;
    }

    public void setWindowUnit(String windowUnit) {
        this.windowUnit = windowUnit;
    }
}
