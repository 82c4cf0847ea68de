package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Closed forms (A&amp;S 15.1.3, 15.1.8) and values from mpmath's {@code hyp2f1} at 30 digits. */
class Hypergeometric2F1Test {

    @Test
    void closed_forms() {
        for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.999}) {
            double expected = z == 0 ? 1 : -Math.log1p(-z) / z;
            assertThat(Math.exp(Hypergeometric2F1.log(1, 1, 2, z))).as("2F1(1,1;2;%s)", z)
                    .isCloseTo(expected, within(1e-12 * expected));
            assertThat(Hypergeometric2F1.log(2.5, 3, 3, z)).as("2F1(a,b;b;%s)", z)
                    .isCloseTo(-2.5 * Math.log1p(-z), within(1e-12));
        }
    }

    @Test
    void values_near_one_and_with_large_parameters() {
        assertThat(Math.exp(Hypergeometric2F1.log(2, 3, 4, 0.3))).isCloseTo(1.69128229932931, within(1e-13));
        assertThat(Math.exp(Hypergeometric2F1.log(0.5, 1.5, 2.2, 0.999))).isCloseTo(3.26593534496813, within(1e-11));
        assertThat(Hypergeometric2F1.log(150.243, 152.426, 152.219, 520 / (4.414 + 104 + 520)))
                .isCloseTo(Math.log(6.55423114582629e114), within(1e-11));
    }

    @Test
    void outside_its_domain_it_refuses() {
        assertThatThrownBy(() -> Hypergeometric2F1.log(1, 1, 2, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.log(1, 1, 2, -0.5)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.log(-1, 1, 2, 0.5)).isInstanceOf(ArithmeticException.class);
    }
}
