package dev.predictbench.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.data.AtomicFile;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What produced a scored file, written beside it as {@code SCORED.csv.run.json}, so
 * a file found months later can be traced to the exact model and settings.
 */
public record RunRecord(
        @JsonProperty("bundle") String bundle,
        @JsonProperty("bundle_version") String bundleVersion,
        @JsonProperty("model_sha256") String modelSha256,
        @JsonProperty("input") String input,
        @JsonProperty("output") String output,
        @JsonProperty("settings") Settings settings,
        @JsonProperty("device") String device,
        @JsonProperty("seed") Long seed,
        @JsonProperty("rows") long rows,
        @JsonProperty("invalid_rows") long invalidRows,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("finished") String finished) {

    /** The options the run used. */
    public record Settings(
            @JsonProperty("device") String device,
            @JsonProperty("batch_size") int batchSize,
            @JsonProperty("temperature") double temperature,
            @JsonProperty("invalid") String invalid,
            @JsonProperty("mc_passes") int mcPasses) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static RunRecord of(Bundle bundle, Path input, Path output, ScoringOptions options,
                               ScoringSummary summary) {
        Settings settings = new Settings(options.device().name().toLowerCase(java.util.Locale.ROOT),
                options.batchSize(), summary.temperature(),
                options.invalidRows().name().toLowerCase(java.util.Locale.ROOT), options.mcPasses());
        return new RunRecord(bundle.manifest().name(), bundle.manifest().version(), bundle.modelSha256(),
                input.toAbsolutePath().toString(), output.toAbsolutePath().toString(), settings, summary.device(),
                summary.seed(), summary.rows(), summary.invalidRows(), summary.seconds(), Instant.now().toString());
    }

    public static Path pathFor(Path scoredFile) {
        return scoredFile.resolveSibling(scoredFile.getFileName() + ".run.json");
    }

    public void writeBeside(Path scoredFile) {
        try (AtomicFile file = writtenBeside(scoredFile)) {
            file.commit();
        }
    }

    /** The record written beside {@code scoredFile} but not yet in place: see {@link AtomicFile#commitTogether}. */
    AtomicFile writtenBeside(Path scoredFile) {
        AtomicFile file = AtomicFile.create(pathFor(scoredFile));
        try {
            file.writer().write(JSON.writeValueAsString(this) + "\n");
            return file;
        } catch (java.io.IOException e) {
            file.close();
            throw new dev.predictbench.InputException(file.target() + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
