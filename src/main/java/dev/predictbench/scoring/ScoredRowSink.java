package dev.predictbench.scoring;

import java.util.List;

/** Where scored rows go: the scored CSV, the workbench's table, a test. */
public interface ScoredRowSink {

    /** Called once before the first row. */
    void begin(List<String> inputColumns, OutputLayout layout);

    void accept(ScoredRow row);

    /** A sink that only looks at rows. */
    static ScoredRowSink forEach(java.util.function.Consumer<ScoredRow> each) {
        return new ScoredRowSink() {
            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
            }

            @Override
            public void accept(ScoredRow row) {
                each.accept(row);
            }
        };
    }
}
