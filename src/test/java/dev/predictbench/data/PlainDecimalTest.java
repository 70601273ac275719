package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast path gives exactly the full grammar's result ({@link PandasNumber}), bit for bit, NaN where it refuses. */
class PlainDecimalTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.0", "-0.0", "7", "-7", "1234567", "12345678", "123456789", "0.1",
            "0.12345678", "0.123456789", "9999999.99999999", "-9999999.99999999", "1234567.12345678",
            "405.798", "0.0782672", "-0.000001", "1e5", "1.5E-3", "1.", ".5", "-", "+1", "01", "00.5", "-01",
            "1.2.3", "1,5", " 1", "1 ", "1..2", "0x10", "NaN", "Infinity", "-Infinity", "1_000", "١٢", "1.0e",
            "2.2250738585072014E-308", "17976931348623157", "9007199254740993", "0.30000000000000004"})
    void edgeCasesAgreeWithTheLibrary(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (String after : new String[] {"", ",", "9", "99999999", ".5,", "\n"}) {
            byte[] padded = (text + after).getBytes(StandardCharsets.UTF_8);
            assertSame(library(bytes, 0, bytes.length), PlainDecimal.parse(padded, 0, bytes.length), text + "|" + after);
        }
    }

    @Test
    void randomDecimalsAgreeWithTheLibraryAndTheJdk() {
        SplittableRandom random = new SplittableRandom(13);
        byte[] buffer = new byte[64];
        for (int n = 0; n < 2_000_000; n++) {
            String text = randomNumberLike(random);
            if (text.isEmpty()) {
                continue;   // an empty cell is missing, never parsed
            }
            byte[] cell = text.getBytes(StandardCharsets.ISO_8859_1);
            // Random bytes around the cell (digits included): the parser must read only its own range.
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = (byte) (random.nextBoolean() ? '0' + random.nextInt(10) : random.nextInt(256));
            }
            int from = random.nextInt(buffer.length - cell.length + 1);
            System.arraycopy(cell, 0, buffer, from, cell.length);
            double expected = library(cell, 0, cell.length);
            assertSame(expected, PlainDecimal.parse(buffer, from, from + cell.length), text);
            if (!Double.isNaN(expected)) {
                assertSame(Double.parseDouble(text), expected, text);
            }
        }
    }

    @Test
    void cellsAtTheEndOfTheArrayAreReadWithoutLoadingPastIt() {
        for (String text : new String[] {"1", "-1", "12.5", "-0.125", "1234567.1234567", "abc"}) {
            byte[] bytes = ("x," + text).getBytes(StandardCharsets.US_ASCII);
            assertSame(library(bytes, 2, bytes.length), PlainDecimal.parse(bytes, 2, bytes.length), text);
        }
    }

    private static String randomNumberLike(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(3) == 0) {
            text.append('-');
        }
        int integerDigits = random.nextInt(11);
        for (int i = 0; i < integerDigits; i++) {
            text.append((char) ('0' + (i == 0 && random.nextInt(4) != 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        if (random.nextInt(4) != 0) {
            text.append('.');
            int fractionDigits = random.nextInt(11);
            for (int i = 0; i < fractionDigits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        switch (random.nextInt(20)) {
            case 0 -> text.append('e').append(random.nextInt(-30, 30));
            case 1 -> text.insert(random.nextInt(text.length() + 1), (char) random.nextInt(32, 256));
            default -> { }
        }
        return text.toString();
    }

    /** The full grammar the fast path must agree with: pandas' (PandasNumbersTest checks it against pandas). */
    private static double library(byte[] bytes, int from, int to) {
        return PandasNumber.parse(bytes, from, to);
    }

    private static void assertSame(double expected, double actual, String text) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), text);
    }
}
