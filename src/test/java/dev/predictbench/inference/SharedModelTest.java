package dev.predictbench.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Threads may share one model (Spark tasks on one executor do): concurrent forwards give
 * each thread exactly the outputs it gets alone. Before each thread had its own staging
 * buffer, they overwrote each other's input and scored rows silently wrong.
 */
class SharedModelTest {

    private static final int WIDTH = 30;
    private static final int ROWS = 64;

    @Test
    void concurrentForwardsGiveEachThreadItsOwnOutputs() throws Exception {
        try (TorchModel model = TorchModel.load(Path.of("sample-models/breast-cancer/model.pt"), Device.cpu())) {
            List<float[]> inputs = new ArrayList<>();
            List<float[]> alone = new ArrayList<>();
            Random random = new Random(7);
            for (int i = 0; i < 8; i++) {
                float[] x = new float[ROWS * WIDTH];
                for (int j = 0; j < x.length; j++) {
                    x[j] = (float) random.nextGaussian() * (i + 1);
                }
                inputs.add(x);
                alone.add(model.forward(x, ROWS, WIDTH).values());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    runs.add(pool.submit(() -> {
                        for (int round = 0; round < 50; round++) {
                            int i = round % inputs.size();
                            assertArrayEquals(alone.get(i), model.forward(inputs.get(i), ROWS, WIDTH).values(),
                                    "input " + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
