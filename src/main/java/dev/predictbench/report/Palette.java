package dev.predictbench.report;

import java.util.List;

/**
 * Okabe and Ito's colour-blind-safe palette: one colour per class, the same in every chart of
 * the report and the workbench, distinguishable with any common colour-vision deficiency.
 */
public final class Palette {

    public static final List<String> CLASSES = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
            "#D55E00", "#F0E442", "#000000");

    private Palette() {
    }

    /** The colour of class {@code k} (cycling after eight). */
    public static String of(int k) {
        return CLASSES.get(Math.floorMod(k, CLASSES.size()));
    }
}
