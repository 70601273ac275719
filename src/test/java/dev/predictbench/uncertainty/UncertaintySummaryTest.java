package dev.predictbench.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UncertaintySummaryTest {

    private static Uncertainty twoPasses(double first, double second) {
        double[] mean = new double[2];
        return Uncertainty.ofClassProbabilities(new double[] {1 - first, first, 1 - second, second}, 2, 2, mean);
    }

    @Test
    void keepsTheMostUncertainRowsAndCountsEveryRowInTheHistograms() {
        UncertaintySummary summary = new UncertaintySummary(10, 0.5, Math.log(2), 2);
        summary.add(1, "a", 1, twoPasses(0.9, 0.9));
        summary.add(2, "a", 1, twoPasses(0.1, 0.9));
        summary.add(3, "a", 1, twoPasses(0.6, 0.8));
        summary.add(4, "a", 1, twoPasses(0.3, 0.7));
        assertEquals(List.of(2L, 4L), summary.mostUncertain().stream().map(UncertaintySummary.UncertainRow::row).toList());
        assertEquals(4, summary.std().total());
        assertEquals(4, summary.entropy().total());
        assertEquals(4, summary.mutualInformation().total());
        assertEquals(1, summary.std().counts()[0], "row 1 does not vary");
    }

    @Test
    void histogramsKeepOutOfRangeValuesInTheEndBins() {
        Histogram h = new Histogram(0, 1, 4);
        for (double v : new double[] {-1, 0, 0.25, 0.6, 1, 7}) {
            h.add(v);
        }
        assertArrayEquals(new long[] {2, 1, 1, 2}, h.counts());
    }
}
