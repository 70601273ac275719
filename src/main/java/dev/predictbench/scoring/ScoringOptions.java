package dev.predictbench.scoring;

import dev.predictbench.data.CsvDialect;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.schema.ColumnMapping;

/**
 * How to score a file.
 *
 * @param temperature overrides the bundle's calibration temperature when not null
 * @param mcPasses Monte-Carlo dropout passes per row; 0 for one deterministic pass
 * @param seed the dropout seed for MC passes; null picks one (recorded in the run record)
 * @param columns file columns matched to features by hand
 * @param dialect how the input file is written (encoding, delimiter, decimal mark, missing markers)
 */
public record ScoringOptions(DeviceChoice device, int batchSize, Double temperature, InvalidRows invalidRows,
                             int mcPasses, Long seed, ColumnMapping columns, CsvDialect dialect) {

    public static final int DEFAULT_BATCH_SIZE = 1024;

    public static ScoringOptions defaults() {
        return new ScoringOptions(DeviceChoice.AUTO, DEFAULT_BATCH_SIZE, null, InvalidRows.KEEP);
    }

    public ScoringOptions(DeviceChoice device, int batchSize, Double temperature, InvalidRows invalidRows) {
        this(device, batchSize, temperature, invalidRows, 0, null, ColumnMapping.NONE, CsvDialect.AUTO);
    }

    public ScoringOptions(DeviceChoice device, int batchSize, Double temperature, InvalidRows invalidRows,
                          int mcPasses, Long seed) {
        this(device, batchSize, temperature, invalidRows, mcPasses, seed, ColumnMapping.NONE, CsvDialect.AUTO);
    }

    public ScoringOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, was " + temperature);
        }
        columns = columns == null ? ColumnMapping.NONE : columns;
        dialect = dialect == null ? CsvDialect.AUTO : dialect;
        if (mcPasses < 0 || mcPasses == 1) {
            throw new IllegalArgumentException("MC passes must be 0 (off) or at least 2, was " + mcPasses);
        }
    }

    public ScoringOptions withMonteCarlo(int passes, Long dropoutSeed) {
        return new ScoringOptions(device, batchSize, temperature, invalidRows, passes, dropoutSeed, columns, dialect);
    }

    public ScoringOptions withColumns(ColumnMapping mapping) {
        return new ScoringOptions(device, batchSize, temperature, invalidRows, mcPasses, seed, mapping, dialect);
    }

    public ScoringOptions withDialect(CsvDialect csv) {
        return new ScoringOptions(device, batchSize, temperature, invalidRows, mcPasses, seed, columns, csv);
    }

    public boolean monteCarlo() {
        return mcPasses > 0;
    }
}
