package dev.predictbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TorchRuntimeTest {

    @Test
    void theDefaultBuildBundlesCpuNatives() {
        // The gpu profile swaps in cu124; without it the CPU jar must be the one on the class path.
        assertEquals("cpu", TorchRuntime.bundledFlavor());
    }
}
