package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import picocli.CommandLine.Option;

/** The --device option of every command that runs the model, and opening the model there. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
            description = "where the model runs (default: ${DEFAULT-VALUE})")
    DeviceChoice device;

    ScoringOptions options() {
        return new ScoringOptions(device, ScoringOptions.DEFAULT_BATCH_SIZE, null,
                ScoringOptions.defaults().invalidRows());
    }

    Scorer open(Bundle bundle) {
        return Scorer.open(bundle, options());
    }
}
