package dev.predictbench.scoring;

import java.util.List;

/** Where scored rows go: the scored CSV, the workbench's table, a test. */
public interface ScoredRowSink {

    /** Called once before the first row. */
    void begin(List<String> inputColumns, OutputLayout layout);

    void accept(ScoredRow row);
}
