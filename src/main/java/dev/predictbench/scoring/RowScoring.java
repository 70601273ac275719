package dev.predictbench.scoring;

import dev.predictbench.data.DataRow;
import dev.predictbench.schema.RowValidator;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Scores rows that come from elsewhere than a CSV file (a Spark partition, say) with the
 * same validation, preprocessing, model and calibration as {@link Scorer#score}: one batch
 * at a time, on the caller's thread, as the scored rows are asked for, so rows of any number
 * stream through in the memory of one batch. Invalid rows are kept and marked (unless the
 * options skip them, as {@code score --invalid skip} does).
 */
public final class RowScoring implements Iterator<ScoredRow> {

    private final Scorer scorer;
    private final RowValidator validator;
    private final Iterator<DataRow> rows;
    private final ScoringOptions options;
    private final double temperature;
    private final long seed;
    private final ArrayDeque<ScoredRow> ready = new ArrayDeque<>();
    private long batchIndex;

    /**
     * @param validator bound to the rows' columns ({@link Scorer#validator})
     * @param seed the MC dropout seed; each batch draws its own from it, as in {@link Scorer#score}
     */
    public RowScoring(Scorer scorer, RowValidator validator, Iterator<DataRow> rows, ScoringOptions options,
                      long seed) {
        this.scorer = scorer;
        this.validator = validator;
        this.rows = rows;
        this.options = options;
        this.temperature = scorer.temperature(options);
        this.seed = seed;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
            scoreNextBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public ScoredRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        Batch batch = scorer.newBatch(options);
        while (!batch.isFull() && rows.hasNext()) {
            batch.validateAndAdd(rows.next(), validator, scorer.preprocessor());
        }
        batch.setOutputs(scorer.infer(batch, options, Scorer.batchSeed(seed, batchIndex++)));
        scorer.emit(batch, temperature, options, ScoredRowSink.forEach(ready::add));
    }
}
