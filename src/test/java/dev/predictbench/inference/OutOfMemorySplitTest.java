package dev.predictbench.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.predictbench.InputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry policy for a device that runs out of memory, exercised with a run that fails above a size. */
class OutOfMemorySplitTest {

    /** Outputs row r of copy c as c * 1000 + r; fails like CUDA when more than {@code limit} rows come at once. */
    private static TorchModel.Run limitedDevice(int limit, List<String> calls) {
        return (offset, rows, copies) -> {
            calls.add(offset + "+" + rows + "x" + copies);
            if (rows * copies > limit) {
                throw new InputException("the model failed", new RuntimeException("CUDA out of memory. Tried to allocate"));
            }
            float[] values = new float[rows * copies];
            for (int c = 0; c < copies; c++) {
                for (int r = 0; r < rows; r++) {
                    values[c * rows + r] = c * 1000 + offset + r;
                }
            }
            return new ModelOutputs(values, rows * copies, 1);
        };
    }

    @Test
    void aBatchTooLargeForTheDeviceIsHalvedUntilItFitsAndKeepsItsOrder() {
        List<String> calls = new ArrayList<>();
        ModelOutputs out = TorchModel.splitOnOutOfMemory(0, 10, 1, limitedDevice(3, calls));
        float[] expected = new float[10];
        for (int r = 0; r < 10; r++) {
            expected[r] = r;
        }
        assertArrayEquals(expected, out.values());
        assertEquals("0+10x1", calls.get(0));
    }

    @Test
    void monteCarloCopiesAreSplitBeforeRowsSoPassesStayInOrder() {
        List<String> calls = new ArrayList<>();
        ModelOutputs out = TorchModel.splitOnOutOfMemory(0, 2, 4, limitedDevice(4, calls));
        assertArrayEquals(new float[] {0, 1, 1000, 1001, 0, 1, 1000, 1001}, out.values(),
                "each half restarts its copy count; order is pass-major");
        assertEquals(List.of("0+2x4", "0+2x2", "0+2x2"), calls);
    }

    @Test
    void otherErrorsAndSingleRowsAreNotRetried() {
        TorchModel.Run broken = (offset, rows, copies) -> {
            throw new InputException("the model failed", new RuntimeException("shape mismatch"));
        };
        assertThrows(InputException.class, () -> TorchModel.splitOnOutOfMemory(0, 8, 1, broken));
        List<String> calls = new ArrayList<>();
        assertThrows(InputException.class, () -> TorchModel.splitOnOutOfMemory(0, 1, 1, limitedDevice(0, calls)));
        assertEquals(1, calls.size());
    }
}
