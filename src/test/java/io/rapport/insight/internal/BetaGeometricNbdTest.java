package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Small fixtures at the paper's parameters (r = 0.243, α = 4.414, a = 0.793, b = 2.426). Reference values: 1.226 from
 * Fader, Hardie &amp; Lee, "Implementing the BG/NBD Model in Excel" (customer 1 of CDNOW: x = 2, t_x = 30.43,
 * T = 38.86, next 39 weeks); the others computed with mpmath 1.3 ({@code hyp2f1} at 30 digits) from eq. (10) and
 * the P(alive) note's eq. (3).
 */
class BetaGeometricNbdTest {

    private static final BetaGeometricNbd PAPER = new BetaGeometricNbd(0.243, 4.414, 0.793, 2.426);
    private static final Offset<Double> CLOSE = within(1e-9);

    @Test
    void expected_purchases_of_cdnow_customer_1_are_the_excel_notes() {
        RepeatBuyer first = new RepeatBuyer(2, 30.43, 38.86, 0);
        assertThat(PAPER.expectedPurchases(first, 39)).isCloseTo(1.226, within(5e-4))
                .isCloseTo(1.22602817476714, CLOSE);
        assertThat(PAPER.probabilityAlive(first)).isCloseTo(0.726578570080673, CLOSE);
    }

    @Test
    void expected_purchases_of_a_frequent_buyer_over_a_long_horizon() {
        RepeatBuyer frequent = new RepeatBuyer(26, 35.86, 38.86, 0);
        assertThat(PAPER.expectedPurchases(frequent, 39)).isCloseTo(15.3718323024139, within(1e-8));
        assertThat(PAPER.probabilityAlive(frequent)).isCloseTo(0.839965546408483, CLOSE);
        RepeatBuyer heavy = new RepeatBuyer(150, 100, 104, 0);
        assertThat(PAPER.expectedPurchases(heavy, 520)).isCloseTo(128.815812394639, within(1e-7));
    }

    @Test
    void a_customer_without_repeat_purchases_is_alive_and_expected_to_buy_little() {
        RepeatBuyer once = new RepeatBuyer(0, 0, 38.86, 0);
        assertThat(PAPER.probabilityAlive(once)).isEqualTo(1);
        assertThat(PAPER.expectedPurchases(once, 39)).isCloseTo(0.195098052011263, CLOSE);
        assertThat(PAPER.expectedPurchases(once, 0)).isZero();
    }

    @Test
    void the_longer_a_customer_has_been_silent_the_less_likely_they_are_alive() {
        double recent = PAPER.probabilityAlive(new RepeatBuyer(5, 38, 39, 0));
        double silent = PAPER.probabilityAlive(new RepeatBuyer(5, 10, 39, 0));
        assertThat(silent).isLessThan(recent);
        assertThat(PAPER.expectedPurchases(new RepeatBuyer(5, 10, 39, 0), 39))
                .isLessThan(PAPER.expectedPurchases(new RepeatBuyer(5, 38, 39, 0), 39));
    }

    @Test
    void the_likelihood_of_a_customer_is_the_papers_equation_6() {
        RepeatBuyer c = new RepeatBuyer(2, 30.43, 38.86, 0);
        double beta = Math.exp(org.apache.commons.math3.special.Beta.logBeta(0.793, 2.426 + 2)
                - org.apache.commons.math3.special.Beta.logBeta(0.793, 2.426));
        double gammas = Math.exp(org.apache.commons.math3.special.Gamma.logGamma(2.243)
                - org.apache.commons.math3.special.Gamma.logGamma(0.243)) * Math.pow(4.414, 0.243);
        double direct = beta * gammas / Math.pow(4.414 + 38.86, 2.243)
                + Math.exp(org.apache.commons.math3.special.Beta.logBeta(1.793, 2.426 + 1)
                        - org.apache.commons.math3.special.Beta.logBeta(0.793, 2.426)) * gammas
                        / Math.pow(4.414 + 30.43, 2.243);
        assertThat(PAPER.logLikelihood(c)).isCloseTo(Math.log(direct), within(1e-10));
        assertThat(PAPER.logLikelihood(List.of(c, c))).isCloseTo(2 * Math.log(direct), within(1e-10));
    }

    @Test
    void parameters_and_summaries_must_make_sense() {
        assertThatThrownBy(() -> new BetaGeometricNbd(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatBuyer(1, 40, 39, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatBuyer(0, 3, 39, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void discounting_lowers_the_value_and_a_longer_horizon_raises_it() {
        RepeatBuyer c = new RepeatBuyer(2, 30.43, 38.86, 0);
        double undiscounted = new DiscountedValue(12, 0).of(PAPER, 30, c).value();
        assertThat(undiscounted).isCloseTo(30 * PAPER.expectedPurchases(c, 12 * DiscountedValue.WEEKS_PER_MONTH),
                within(1e-9));
        assertThat(new DiscountedValue(12, 0.1).of(PAPER, 30, c).value()).isLessThan(undiscounted)
                .isGreaterThan(undiscounted / 1.1);
        assertThat(new DiscountedValue(24, 0.1).of(PAPER, 30, c).value()).isGreaterThan(undiscounted);
    }
}
