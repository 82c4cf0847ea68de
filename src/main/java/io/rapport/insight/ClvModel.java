package io.rapport.insight;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The fitted models: BG/NBD (r, α in weeks; a, b) and Gamma-Gamma (p, q, γ in the currency), each with its
 * maximised log-likelihood, fitted at {@code fittedAt} on {@code customers} customers (of whom {@code repeatBuyers}
 * bought again) with purchases up to {@code calibrationEnd} in {@code currency}. A fit is reused while the purchases
 * change little (docs/metrics.md), so the customers scored may be more than those it was fitted on.
 */
public record ClvModel(LocalDate calibrationEnd, String currency, int customers, int repeatBuyers, Instant fittedAt,
        BgNbd bgNbd, GammaGamma gammaGamma) {

    public record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {
    }

    /** {@code meanSpend}: the population's mean spend per purchase, pγ/(q−1). */
    public record GammaGamma(double p, double q, double gamma, double logLikelihood, double meanSpend) {
    }
}
