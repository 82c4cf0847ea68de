package io.rapport.insight;

import java.time.LocalDate;

/**
 * The fitted models: BG/NBD (r, α in weeks; a, b) and Gamma-Gamma (p, q, γ in the currency), each with its
 * maximised log-likelihood, fitted on {@code customers} customers (of whom {@code repeatBuyers} bought again) with
 * purchases up to {@code calibrationEnd} in {@code currency}.
 */
public record ClvModel(LocalDate calibrationEnd, String currency, int customers, int repeatBuyers, BgNbd bgNbd,
        GammaGamma gammaGamma) {

    public record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {
    }

    /** {@code meanSpend}: the population's mean spend per purchase, pγ/(q−1). */
    public record GammaGamma(double p, double q, double gamma, double logLikelihood, double meanSpend) {
    }
}
