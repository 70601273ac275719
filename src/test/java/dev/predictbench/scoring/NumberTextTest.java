package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scored file's numbers: every one reads back as exactly the float32 it stands for, in
 * Float.toString's format. Probabilities are written exactly as Float.toString writes them;
 * beyond 1e7 JDK 17's Float.toString sometimes writes a digit too many (4.04118816E8 for
 * 4.0411882E8), which the shortest writer leaves out.
 */
class NumberTextTest {

    @Test
    void everyFloatReadsBackExactlyAndProbabilitiesAreWrittenAsFloatToStringWritesThem() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 2_000_000; i++) {
            boolean probability = i % 2 == 1;
            float value = probability ? (float) random.nextDouble() : Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(value)) {
                continue;
            }
            String text = OutputLayout.number(value);
            String jdk = Float.toString(value);
            assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(Float.parseFloat(text)), text);
            assertTrue(text.length() <= jdk.length(), text + " vs " + jdk);
            assertTrue(text.matches("-?[0-9.E-]+|-?Infinity"), "written unquoted by CsvLineWriter.plainCell: " + text);
            if (probability || Math.abs(value) < 1e7f) {
                assertEquals(jdk, text);
            }
        }
    }

    @Test
    void probabilitiesAsTheScoredFileHasAlwaysWrittenThem() {
        assertEquals("0.5", OutputLayout.number(0.5));
        assertEquals("1.0", OutputLayout.number(1.0));
        assertEquals("0.0", OutputLayout.number(0.0));
        assertEquals("9.1235724E-4", OutputLayout.number(9.1235724E-4));
        assertEquals("1.0E-7", OutputLayout.number(1e-7));
        assertEquals("0.99908763", OutputLayout.number(0.99908763));
        assertEquals("-7.630457", OutputLayout.number(-7.630457));
    }
}
