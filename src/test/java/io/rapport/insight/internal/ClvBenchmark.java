package io.rapport.insight.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Milliseconds, on one thread, to fit BG/NBD and Gamma-Gamma on the CDNOW sample (2,357 customers) and to score
 * 100,000 synthetic customers (P(alive), expected spend, 12-month discounted value: 12 conditional expectations
 * each). The synthetic customers are drawn from the models with the paper's parameters, seed 42. Run by
 * {@code bench/clv.sh} (docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ClvBenchmark {

    static final int SYNTHETIC_CUSTOMERS = 100_000;

    @State(Scope.Benchmark)
    public static class Customers {

        List<RepeatBuyer> cdnow;
        List<RepeatBuyer> synthetic;
        final BetaGeometricNbd purchases = new BetaGeometricNbd(0.243, 4.414, 0.793, 2.426);
        final GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
        final DiscountedValue year = new DiscountedValue(12, 0.1);

        @Setup
        public void load() {
            cdnow = Cdnow.sample().stream().map(d -> d.summaryAt(Cdnow.CALIBRATION_END).orElseThrow()).toList();
            synthetic = synthetic(SYNTHETIC_CUSTOMERS, new Well19937c(42));
        }

        /** BG/NBD customers: rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b) after each repeat purchase. */
        List<RepeatBuyer> synthetic(int n, RandomGenerator random) {
            GammaDistribution rates = new GammaDistribution(random, 0.243, 1 / 4.414);
            BetaDistribution dropouts = new BetaDistribution(random, 0.793, 2.426);
            GammaDistribution scales = new GammaDistribution(random, 3.74, 1 / 15.44);
            List<RepeatBuyer> customers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double T = 1 + random.nextDouble() * 77;
                double rate = Math.max(rates.sample(), 1e-6);
                double dropout = dropouts.sample();
                ExponentialDistribution gaps = new ExponentialDistribution(random, 1 / rate);
                int x = 0;
                double t = 0;
                double last = 0;
                while (true) {
                    t += gaps.sample();
                    if (t > T) {
                        break;
                    }
                    x++;
                    last = t;
                    if (random.nextDouble() < dropout) {
                        break;
                    }
                }
                double mean = 0;
                if (x > 0) {
                    GammaDistribution values = new GammaDistribution(random, 6.25, 1 / scales.sample());
                    for (int j = 0; j < x; j++) {
                        mean += values.sample() / x;
                    }
                }
                customers.add(new RepeatBuyer(x, last, T, mean));
            }
            return customers;
        }
    }

    @Benchmark
    public BetaGeometricNbd.Fit fitBgNbdOnCdnow(Customers customers) {
        return BetaGeometricNbd.fit(customers.cdnow);
    }

    @Benchmark
    public GammaGamma.Fit fitGammaGammaOnCdnow(Customers customers) {
        return GammaGamma.fit(customers.cdnow);
    }

    @Benchmark
    public void score100kCustomers(Customers customers, Blackhole sink) {
        for (RepeatBuyer c : customers.synthetic) {
            sink.consume(customers.purchases.probabilityAlive(c));
            sink.consume(customers.year.of(customers.purchases, customers.spend.expectedSpend(c), c));
        }
    }
}
