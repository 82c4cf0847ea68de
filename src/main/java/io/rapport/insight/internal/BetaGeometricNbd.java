package io.rapport.insight.internal;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BG/NBD model with its parameters (r, α) of the gamma-distributed purchase rates and (a, b) of the
 * beta-distributed dropout probabilities: Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284. Times are in the unit of the data (weeks).
 */
record BetaGeometricNbd(double r, double alpha, double a, double b) {

    BetaGeometricNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive: r=" + r + ", alpha=" + alpha
                    + ", a=" + a + ", b=" + b);
        }
    }

    /** The parameters that maximise the likelihood of these customers, and that log-likelihood. */
    record Fit(BetaGeometricNbd model, double logLikelihood) {
    }

    static Fit fit(List<RepeatBuyer> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("No customers to fit");
        }
        Map<RepeatBuyer, Integer> tallies = tallies(customers);
        MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(
                v -> new BetaGeometricNbd(v[0], v[1], v[2], v[3]).logLikelihood(tallies), new double[] {1, 1, 1, 1});
        double[] v = estimate.parameters();
        return new Fit(new BetaGeometricNbd(v[0], v[1], v[2], v[3]), estimate.logLikelihood());
    }

    /** ln L of one customer, FHL 2005 eq. (6). */
    double logLikelihood(RepeatBuyer c) {
        return logLikelihood(c, logGammaTerms(c.x()));
    }

    double logLikelihood(List<RepeatBuyer> customers) {
        return logLikelihood(tallies(customers));
    }

    /**
     * The customers by their (x, t_x, T), the only figures the likelihood depends on, with how many have each: a
     * shop of a million buyers has far fewer distinct summaries (days are whole), so a fit evaluates each once.
     */
    private static Map<RepeatBuyer, Integer> tallies(List<RepeatBuyer> customers) {
        Map<RepeatBuyer, Integer> tallies = new HashMap<>();
        for (RepeatBuyer c : customers) {
            tallies.merge(new RepeatBuyer(c.x(), c.tx(), c.T(), 0), 1, Integer::sum);
        }
        return tallies;
    }

    /** The sum over the customers; the gamma-function terms, which depend only on x, are computed once per x. */
    private double logLikelihood(Map<RepeatBuyer, Integer> tallies) {
        Map<Integer, Double> byFrequency = new HashMap<>();
        double sum = 0;
        for (Map.Entry<RepeatBuyer, Integer> tally : tallies.entrySet()) {
            RepeatBuyer c = tally.getKey();
            sum += tally.getValue() * logLikelihood(c, byFrequency.computeIfAbsent(c.x(), this::logGammaTerms));
        }
        return sum;
    }

    /** ln[Γ(r+x) α^r / Γ(r)] + ln[B(a, b+x) / B(a, b)]. */
    private double logGammaTerms(int x) {
        return logGamma(r + x) - logGamma(r) + r * Math.log(alpha)
                + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
    }

    /** The two terms of eq. (6) (still alive at T; dropped out after the last purchase) added as logarithms. */
    private double logLikelihood(RepeatBuyer c, double logGammaTerms) {
        int x = c.x();
        double stays = -(r + x) * Math.log(alpha + c.T());
        if (x == 0) {
            return logGammaTerms + stays;
        }
        double dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + c.tx());
        double max = Math.max(stays, dropped);
        return logGammaTerms + max + Math.log(Math.exp(stays - max) + Math.exp(dropped - max));
    }

    /**
     * P(alive | x, t_x, T): Fader, Hardie &amp; Lee (2008), "Computing P(alive) using the BG/NBD model", eq. (3).
     * A customer without repeat purchases is alive by the model's definition (dropout follows a purchase).
     */
    double probabilityAlive(RepeatBuyer c) {
        if (c.x() == 0) {
            return 1;
        }
        return 1 / (1 + Math.exp(odds(c)));
    }

    /** ln of a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), the odds of having dropped out. */
    private double odds(RepeatBuyer c) {
        return Math.log(a / (b + c.x() - 1)) + (r + c.x()) * Math.log((alpha + c.T()) / (alpha + c.tx()));
    }

    /**
     * E[Y(t) | x, t_x, T], the expected number of purchases in the next {@code t} time units: FHL 2005 eq. (10).
     * Undefined at a = 1 exactly (a removable singularity), where a is moved by 1e-9.
     */
    double expectedPurchases(RepeatBuyer c, double t) {
        if (t <= 0) {
            return 0;
        }
        int x = c.x();
        double aa = Math.abs(a - 1) < 1e-9 ? 1 + 1e-9 : a;
        double z = t / (alpha + c.T() + t);
        double logPower = (r + x) * Math.log((alpha + c.T()) / (alpha + c.T() + t));
        double hypergeometric = Math.exp(logPower + Hypergeometric2F1.log(r + x, b + x, aa + b + x - 1, z));
        double numerator = (aa + b + x - 1) / (aa - 1) * (1 - hypergeometric);
        double denominator = x == 0 ? 1 : 1 + Math.exp(odds(c));
        return numerator / denominator;
    }

    /** E[X(t)], the expected number of purchases in a period of length t of a new customer: FHL 2005 eq. (9). */
    double expectedPurchasesOfNewCustomer(double t) {
        double aa = Math.abs(a - 1) < 1e-9 ? 1 + 1e-9 : a;
        double z = t / (alpha + t);
        double logPower = r * Math.log(alpha / (alpha + t));
        return (aa + b - 1) / (aa - 1) * (1 - Math.exp(logPower + Hypergeometric2F1.log(r, b, aa + b - 1, z)));
    }
}
