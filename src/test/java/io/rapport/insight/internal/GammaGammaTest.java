package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Gamma-Gamma model at the paper's parameters (p = 6.25, q = 3.74, γ = 15.44) for CDNOW customer 1 (x = 2,
 * z̄ = 22.35); reference values computed with mpmath 1.3 at 30 digits from Fader &amp; Hardie (2013) eqs. (4), (5).
 */
class GammaGammaTest {

    private static final GammaGamma PAPER = new GammaGamma(6.25, 3.74, 15.44);
    private static final RepeatBuyer FIRST = new RepeatBuyer(2, 30.43, 38.86, 22.35);

    @Test
    void expected_spend_weighs_the_population_mean_against_the_customers_own() {
        assertThat(PAPER.populationMeanSpend()).isCloseTo(35.2189781021898, within(1e-12));
        assertThat(PAPER.expectedSpend(FIRST)).isCloseTo(24.6637139107612, within(1e-12));
        assertThat(PAPER.expectedSpend(new RepeatBuyer(0, 0, 38.86, 0))).isEqualTo(PAPER.populationMeanSpend());
        double many = PAPER.expectedSpend(new RepeatBuyer(200, 30.43, 38.86, 22.35));
        assertThat(many).isBetween(22.35, PAPER.expectedSpend(FIRST));
    }

    @Test
    void the_likelihood_is_equation_4_over_the_repeat_buyers_only() {
        assertThat(PAPER.logLikelihood(FIRST)).isCloseTo(-3.55131675973170, within(1e-11));
        assertThat(PAPER.logLikelihood(List.of(FIRST, new RepeatBuyer(0, 0, 38.86, 0), FIRST)))
                .isCloseTo(2 * -3.55131675973170, within(1e-10));
    }

    @Test
    void without_q_above_one_there_is_no_finite_mean() {
        assertThat(new GammaGamma(6.25, 0.9, 15.44).populationMeanSpend()).isInfinite();
    }
}
