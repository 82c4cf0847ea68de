package io.rapport.insight.internal;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;

/**
 * The Gamma-Gamma model of spend per transaction, with shape p of the transaction values and (q, γ) of the gamma
 * distribution of their customer-level scale: Fader, Hardie &amp; Lee (2005), "RFM and CLV: Using Iso-Value Curves
 * for Customer Base Analysis", J. Marketing Research 42(4), and Fader &amp; Hardie (2013), "The Gamma-Gamma Model of
 * Monetary Value". It assumes spend is independent of purchase frequency, and needs q &gt; 1 for a finite mean.
 */
record GammaGamma(double p, double q, double gamma) {

    GammaGamma {
        if (!(p > 0 && q > 0 && gamma > 0) || !Double.isFinite(p + q + gamma)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive: p=" + p + ", q=" + q
                    + ", gamma=" + gamma);
        }
    }

    /** The parameters that maximise the likelihood of the repeat buyers' mean spends, and that log-likelihood. */
    record Fit(GammaGamma model, double logLikelihood, int repeatBuyers) {
    }

    static Fit fit(List<RepeatBuyer> customers) {
        List<RepeatBuyer> repeatBuyers = customers.stream().filter(c -> c.x() > 0 && c.meanSpend() > 0).toList();
        if (repeatBuyers.isEmpty()) {
            throw new IllegalArgumentException("No repeat buyers with spend to fit");
        }
        MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(
                v -> new GammaGamma(v[0], v[1], v[2]).logLikelihood(repeatBuyers), new double[] {1, 1, 1});
        double[] v = estimate.parameters();
        return new Fit(new GammaGamma(v[0], v[1], v[2]), estimate.logLikelihood(), repeatBuyers.size());
    }

    /** ln f(z̄ | x) of a repeat buyer's mean spend z̄ over x transactions: Fader &amp; Hardie (2013) eq. (4). */
    double logLikelihood(RepeatBuyer c) {
        double px = p * c.x();
        double zbar = c.meanSpend();
        return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(zbar)
                + px * Math.log(c.x()) - (px + q) * Math.log(gamma + c.x() * zbar);
    }

    /** Over the customers with at least one repeat purchase of positive value; the others carry no spend. */
    double logLikelihood(List<RepeatBuyer> customers) {
        double sum = 0;
        for (RepeatBuyer c : customers) {
            if (c.x() > 0 && c.meanSpend() > 0) {
                sum += logLikelihood(c);
            }
        }
        return sum;
    }

    /** The population mean spend per transaction, pγ/(q−1). */
    double populationMeanSpend() {
        return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * E[M | p, q, γ, z̄, x] = (p(γ + x·z̄)) / (px + q − 1): Fader &amp; Hardie (2013) eq. (5), a weighted mean of the
     * population mean and the customer's own; the population mean for a customer without repeat purchases.
     */
    double expectedSpend(RepeatBuyer c) {
        if (c.x() == 0 || c.meanSpend() <= 0) {
            return populationMeanSpend();
        }
        return p * (gamma + c.x() * c.meanSpend()) / (p * c.x() + q - 1);
    }
}
