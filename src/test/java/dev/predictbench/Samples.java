package dev.predictbench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The sample bundles and the golden files their training scripts wrote. */
public final class Samples {

    public static final Path BREAST_CANCER = Path.of("sample-models", "breast-cancer");
    public static final Path CLINIC_RISK = Path.of("sample-models", "clinic-risk");

    /** A sample bundle, its valid data file and the golden files written for that file. */
    public record Golden(Path bundle, String data, String preprocessed, String outputs, String idColumn) {
        public Path dataFile() {
            return bundle.resolve(data);
        }

        @Override
        public String toString() {
            return bundle.getFileName().toString();
        }
    }

    public static List<Golden> goldens() {
        return List.of(
                new Golden(BREAST_CANCER, "unseen.csv", "golden/unseen_preprocessed.csv", "golden/unseen_outputs.csv",
                        "sample_id"),
                new Golden(CLINIC_RISK, "valid.csv", "golden/valid_preprocessed.csv", "golden/valid_outputs.csv",
                        "patient_id"));
    }

    private Samples() {
    }

    /**
     * A sample's manifest for a copy that holds another model file (a traced or fp16 variant):
     * without the model's sha256, the reference sample and the parity file, which belong to the original.
     */
    public static String manifestForOtherModel(Path bundle) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                    Files.readString(bundle.resolve("bundle.json")));
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("model")).remove("sha256");
            root.remove(List.of("reference", "parity"));
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a CSV with a header into one map per row. */
    public static List<Map<String, String>> readCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                rows.add(record.toMap());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> header(Path file) {
        try {
            String first = Files.newBufferedReader(file).readLine();
            return CSVFormat.RFC4180.parse(new java.io.StringReader(first)).getRecords().get(0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
