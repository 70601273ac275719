package dev.predictbench.inference;

/** Where to run the model: the GPU when the engine reports one, the CPU, or insist on a GPU. */
public enum DeviceChoice {
    AUTO, CPU, GPU
}
