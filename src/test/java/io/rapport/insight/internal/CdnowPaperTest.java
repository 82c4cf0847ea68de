package io.rapport.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;

import io.rapport.insight.ClvValidation;
import org.junit.jupiter.api.Test;

/**
 * The models reproduce Fader, Hardie &amp; Lee (2005) on the CDNOW 1/10 sample: 2,357 customers, 39-week calibration
 * to 1997-09-30, hold-out weeks 40–78. Published estimates have three or four significant digits; each fitted value
 * must be within 1e-3 relative of it, or round to it where the published rounding alone is wider than that (r = 0.243
 * stands for [0.2425, 0.2435), ±2e-3; q = 3.74 for [3.735, 3.745)).
 */
class CdnowPaperTest {

    private static final List<PurchaseDays> SAMPLE = Cdnow.sample();

    private static List<RepeatBuyer> calibration() {
        return SAMPLE.stream().map(days -> days.summaryAt(Cdnow.CALIBRATION_END).orElseThrow()).toList();
    }

    @Test
    void calibration_summaries_built_from_the_transactions_are_the_published_ones() {
        List<RepeatBuyer> built = calibration();
        List<RepeatBuyer> published = Cdnow.publishedSummaries();
        assertThat(built).hasSize(2357).hasSameSizeAs(published);
        for (int i = 0; i < built.size(); i++) {
            RepeatBuyer b = built.get(i);
            RepeatBuyer p = published.get(i);
            assertThat(b.x()).as("x of customer %d", i + 1).isEqualTo(p.x());
            assertThat(b.tx()).as("t_x of customer %d", i + 1).isCloseTo(p.tx(), within(0.005));
            assertThat(b.T()).as("T of customer %d", i + 1).isCloseTo(p.T(), within(0.005));
            assertThat(b.meanSpend()).as("zbar of customer %d", i + 1).isCloseTo(p.meanSpend(), within(0.0051));
        }
    }

    @Test
    void bg_nbd_maximum_likelihood_estimates_are_the_papers() {
        BetaGeometricNbd.Fit fit = BetaGeometricNbd.fit(calibration());
        assertPublished(fit.model().r(), 0.243, 0.0005);
        assertPublished(fit.model().alpha(), 4.414, 0.0005);
        assertPublished(fit.model().a(), 0.793, 0.0005);
        assertPublished(fit.model().b(), 2.426, 0.0005);
        assertPublished(fit.logLikelihood(), -9582.4, 0.05);
    }

    @Test
    void gamma_gamma_estimates_on_the_946_repeat_buyers_are_the_papers() {
        GammaGamma.Fit fit = GammaGamma.fit(calibration());
        assertThat(fit.repeatBuyers()).isEqualTo(946);
        assertPublished(fit.model().p(), 6.25, 0.005);
        assertPublished(fit.model().q(), 3.74, 0.005);
        assertPublished(fit.model().gamma(), 15.44, 0.005);
    }

    /**
     * Hold-out weeks 40–78: the 2,357 customers bought again on 1,882 days (1,959 transactions); the model fitted on
     * calibration predicts 1,653, a 12 % under-forecast that comes from the customers with 1 to 2 repeat purchases
     * (230 and 223 predicted against 306 and 298); the rows 0 and 7+ are within 10 % (318 against 334, 394 against
     * 407).
     */
    @Test
    void hold_out_purchases_by_calibration_frequency() {
        List<RepeatBuyer> calibration = calibration();
        BetaGeometricNbd model = BetaGeometricNbd.fit(calibration).model();
        HoldOutTable table = new HoldOutTable();
        IntStream.range(0, calibration.size()).forEach(i -> table.add(calibration.get(i),
                model.expectedPurchases(calibration.get(i), Cdnow.HOLD_OUT_WEEKS),
                SAMPLE.get(i).purchasesBetween(Cdnow.CALIBRATION_END, Cdnow.HOLD_OUT_END)));
        System.out.println("CDNOW hold-out, predicted against actual repeat purchase days by calibration frequency:");
        table.rows().forEach(row -> System.out.printf("%s\t%d customers\tpredicted %.1f\tactual %d%n", row.label(),
                row.customers(), row.predicted(), row.actual()));
        assertThat(table.actual()).isEqualTo(1882);
        assertThat(table.predicted()).isCloseTo(1653.4, within(0.5));
        List<ClvValidation.Row> rows = table.rows();
        assertThat(rows).extracting(ClvValidation.Row::customers).containsExactly(1411, 439, 214, 100, 62, 38, 29, 64);
        assertThat(rows).extracting(ClvValidation.Row::actual).containsExactly(334L, 306L, 298L, 156L, 157L, 112L,
                112L, 407L);
        assertThat(rows.getFirst().predicted()).isCloseTo(334, within(0.1 * 334));
        assertThat(rows.getLast().predicted()).isCloseTo(407, within(0.1 * 407));
    }

    private static void assertPublished(double fitted, double published, double halfLastDigit) {
        assertThat(fitted).isCloseTo(published, within(Math.max(1e-3 * Math.abs(published), halfLastDigit)));
    }
}
