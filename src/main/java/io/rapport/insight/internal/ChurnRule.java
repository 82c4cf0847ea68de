package io.rapport.insight.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.rapport.insight.ChurnReport;
import org.jspecify.annotations.Nullable;

/** Where each buyer stands at the end of a day: active, at risk or churned, by one of the two churn definitions. */
sealed interface ChurnRule permits InactivityWindow, AliveProbability {

    /** A buyer's standing, with their P(alive) under the model rule. */
    record Standing(ChurnReport.Status status, @Nullable Double alive) {
    }

    /**
     * The standings at the end of {@code day}, aligned with the buyers (null for a buyer whose first purchase is
     * after it), or empty when the rule cannot judge that day (too little data to fit a model).
     */
    Optional<List<@Nullable Standing>> at(LocalDate day);
}
