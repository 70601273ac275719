package dev.predictbench.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What produced a folder of scored part files, written into it as {@code _predictbench-run.json}
 * (Spark's readers skip files that start with '_'), as {@code score} writes SCORED.csv.run.json.
 */
record RunRecord(
        @JsonProperty("bundle") String bundle,
        @JsonProperty("bundle_version") String bundleVersion,
        @JsonProperty("model_sha256") String modelSha256,
        @JsonProperty("parity") String parity,
        @JsonProperty("inputs") List<String> inputs,
        @JsonProperty("output") String output,
        @JsonProperty("format") String format,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("mc_passes") int mcPasses,
        @JsonProperty("seed") Long seed,
        @JsonProperty("spark_master") String sparkMaster,
        @JsonProperty("rows") long rows,
        @JsonProperty("invalid_rows") long invalidRows,
        @JsonProperty("invalid_by_check") Map<String, Long> invalidByCheck,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("finished") String finished) {

    static final String FILE = "_predictbench-run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static RunRecord of(Bundle bundle, JobOptions options, ScoreJob.JobSummary summary, double seconds,
                        String master) {
        return new RunRecord(bundle.manifest().name(), bundle.manifest().version(), bundle.modelSha256(),
                summary.parity(), options.inputs(), options.output(), options.outputFormat(), options.batchSize(),
                bundle.manifest().temperature(), options.mcPasses(), summary.seed(), master, summary.rows(),
                summary.invalidRows(), summary.invalidByCheck(), seconds, Instant.now().toString());
    }

    void writeInto(SparkSession spark, String folder) {
        Path file = new Path(folder, FILE);
        try (OutputStream out = file.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(file, false)) {
            out.write((JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(file + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
