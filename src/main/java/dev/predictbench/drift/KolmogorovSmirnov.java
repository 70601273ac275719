package dev.predictbench.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov-Smirnov test: D is the largest distance between the two
 * empirical distribution functions (as scipy.stats.ks_2samp); the p-value comes from
 * the asymptotic Kolmogorov distribution at sqrt(n m / (n + m)) D, which is accurate
 * for the sample sizes drift checks use (hundreds of rows and up).
 */
public final class KolmogorovSmirnov {

    /** D and its two-sided p-value. */
    public record Result(double statistic, double pValue) {
    }

    private KolmogorovSmirnov() {
    }

    public static Result test(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        double n = (double) x.length * y.length / (x.length + y.length);
        return new Result(d, kolmogorovSurvival(Math.sqrt(n) * d));
    }

    /** P(K > lambda) for the Kolmogorov distribution, from whichever series converges fast. */
    static double kolmogorovSurvival(double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < 1.18) {
            // Jacobi form of the CDF: sqrt(2 pi) / lambda * sum exp(-(2k-1)^2 pi^2 / (8 lambda^2)).
            double sum = 0;
            for (int k = 1; k <= 20; k++) {
                sum += Math.exp(-(2 * k - 1) * (2 * k - 1) * Math.PI * Math.PI / (8 * lambda * lambda));
            }
            return 1 - Math.sqrt(2 * Math.PI) / lambda * sum;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-300) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }
}
