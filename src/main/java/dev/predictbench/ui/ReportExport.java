package dev.predictbench.ui;

import dev.predictbench.report.HtmlReport;
import dev.predictbench.report.ReportBuilder;
import dev.predictbench.report.ReportData;
import dev.predictbench.scoring.Scorer;
import java.nio.file.Path;
import javafx.concurrent.Task;

/**
 * File > Export Report: the same HTML report as {@code predictbench report}, for the open bundle
 * and data file (read as they were opened), written in the background with progress.
 */
final class ReportExport {

    private ReportExport() {
    }

    static Task<Path> run(WorkbenchModel workbench, Path target) {
        Scorer scorer = workbench.scorerProperty().get();
        Path data = workbench.dataFileProperty().get();
        var request = new ReportBuilder.Request(data, null, null, 0, 1, true, workbench.columnMapping(),
                workbench.csvDialect());
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() {
                ReportData report = ReportBuilder.build(scorer, request, this::updateMessage, this::isCancelled);
                HtmlReport.write(report, target);
                updateMessage("Wrote the report " + target.getFileName() + ".");
                return target;
            }
        };
        return workbench.run(task);
    }
}
