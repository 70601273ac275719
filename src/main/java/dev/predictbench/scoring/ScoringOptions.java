package dev.predictbench.scoring;

import dev.predictbench.calibration.TemperatureScaling;
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
    /**
     * Rows per forward pass at most. Every batch in flight holds rows x width floats (about a dozen
     * batches are in flight) and throughput stops growing long before: 4,096 rows already run a
     * small MLP at its peak.
     */
    public static final int MAX_BATCH_SIZE = 65_536;
    /** MC dropout passes at most: the mean's standard error falls as 1/sqrt(passes), 3% of one pass's at 1,000. */
    public static final int MAX_MC_PASSES = 1_000;
    /** Row copies per batch with MC passes (batch size x passes) at most: their outputs are held at once. */
    public static final long MAX_MC_ROWS = 1L << 20;

    /** Why a batch size cannot be used (naming no option), or null. */
    public static String batchSizeProblem(long batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            return "must be between 1 and " + MAX_BATCH_SIZE + " rows (every batch in flight holds its rows in memory,"
                    + " and larger batches are no faster), found " + batchSize;
        }
        return null;
    }

    /** Why a number of MC passes cannot be used with the batch size (naming no option), or null. */
    public static String mcPassesProblem(long passes, long batchSize) {
        if (passes < 0 || passes == 1 || passes > MAX_MC_PASSES) {
            return "must be 0 (off) or between 2 and " + MAX_MC_PASSES + " (more passes take that many times"
                    + " longer and barely change the mean), found " + passes;
        }
        if (passes * batchSize > MAX_MC_ROWS) {
            return "x the batch size must be at most " + MAX_MC_ROWS + " row copies (all passes of a batch are held"
                    + " in memory at once), found " + passes + " x " + batchSize + "; lower --batch-size";
        }
        return null;
    }

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
        if (batchSizeProblem(batchSize) != null) {
            throw new IllegalArgumentException("the batch size " + batchSizeProblem(batchSize));
        }
        if (temperature != null) {
            TemperatureScaling.require(temperature, "temperature");
        }
        columns = columns == null ? ColumnMapping.NONE : columns;
        dialect = dialect == null ? CsvDialect.AUTO : dialect;
        if (mcPassesProblem(mcPasses, batchSize) != null) {
            throw new IllegalArgumentException("MC passes " + mcPassesProblem(mcPasses, batchSize));
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
