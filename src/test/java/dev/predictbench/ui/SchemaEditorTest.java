package dev.predictbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.schema.Feature;
import dev.predictbench.ui.model.SchemaEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The schema editor as a user drives it: edit a range in the table, type a rule, watch the
 * counts of the open file's rows each rejects (compared with counts made here from the CSV
 * itself), propose ranges from the training sample, and save a new version.
 */
@ExtendWith(ApplicationExtension.class)
class SchemaEditorTest {

    private static final Path FILE = Samples.CLINIC_RISK.resolve("valid.csv");
    private final Bundle bundle = BundleLoader.load(Samples.CLINIC_RISK);
    private SchemaEditor editor;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        editor = new SchemaEditor(bundle, FILE, CsvDialect.AUTO);
        stage.setScene(new Scene(editor, 1100, 700));
        stage.show();
    }

    @Test
    void editsAreCountedOnTheOpenFileAndSavedAsANewVersion(FxRobot robot) throws Exception {
        List<Map<String, String>> rows = Samples.readCsv(FILE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.countedRows() == rows.size());
        assertTrue(editor.counts().isEmpty(), "the sample's valid rows pass its own schema: " + editor.counts());

        // A range edited in the table, as a user types it.
        TableCell<?, ?> ageMax = robot.lookup("#schema-editor-table .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn().getText().equals("max") && c.getIndex() == 0).findFirst().orElseThrow();
        robot.doubleClickOn(ageMax);
        robot.push(KeyCode.CONTROL, KeyCode.A).write("50").push(KeyCode.ENTER);
        long olderThan50 = rows.stream().filter(r -> Double.parseDouble(r.get("age")) > 50).count();
        assertTrue(olderThan50 > 0);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.counts().getOrDefault("age:max", 0L) == olderThan50);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(String.valueOf(olderThan50), editor.featureRows().get(0).rejected());

        // A rule typed with a syntax error is flagged as it is typed; the finished one is counted.
        robot.clickOn("#rule-expression").write("age >");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(editor.ruleProblem().isEmpty(), "an unfinished rule shows the compiler's message");
        robot.write(" 0 && systolic_bp >= 100");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", editor.ruleProblem());
        robot.interact(() -> {
            editor.typeRule("bp-floor", "age > 0 && systolic_bp >= 100", "systolic pressure below 100");
            assertTrue(editor.addRule());
        });
        // Rules run only on rows without structure failures; range failures (age > 50) do not stop them.
        long lowBpAll = rows.stream().filter(r -> Double.parseDouble(r.get("systolic_bp")) < 100).count();
        assertTrue(lowBpAll > 0);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> editor.counts().getOrDefault("bp-floor", 0L) == lowBpAll);

        // Proposals from the training sample replace the range with the observed one.
        var task = WaitForAsyncUtils.asyncFx(() -> editor.propose()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> task.isDone());
        WaitForAsyncUtils.waitForFxEvents();
        double observedMax = Samples.readCsv(Samples.CLINIC_RISK.resolve("reference.csv")).stream()
                .mapToDouble(r -> Double.parseDouble(r.get("age"))).max().orElseThrow();
        Feature age = WaitForAsyncUtils.asyncFx(() -> editor.editedFeatures().get(0)).get(10, TimeUnit.SECONDS);
        assertEquals(observedMax, age.max());
        assertTrue(editor.featureRows().get(0).proposed().startsWith("observed ["), editor.featureRows().get(0).proposed());
        long aboveObserved = rows.stream().filter(r -> Double.parseDouble(r.get("age")) > observedMax).count();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> editor.counts().getOrDefault("age:max", 0L) == aboveObserved);

        // Saved as a new version: the original untouched, the edits in the new one.
        String original = Files.readString(Samples.CLINIC_RISK.resolve("bundle.json"));
        Path out = dir.resolve("clinic-risk-edited");
        // The new rule rejects a parity row: the version would not reproduce training, so it is not written.
        Task<Bundle> refused = WaitForAsyncUtils.asyncFx(() -> editor.save(out)).get(10, TimeUnit.SECONDS);
        new Thread(refused).start();
        var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> refused.get(60, TimeUnit.SECONDS));
        String message = failure.getCause().getMessage();
        assertTrue(message.startsWith(out.resolve("parity.csv") + ": row ") && message.contains("\"bp-floor\""), message);
        assertFalse(Files.exists(out));
        robot.interact(() -> editor.rules().removeIf(r -> r.name().equals("bp-floor")));
        robot.interact(() -> {
            editor.typeRule("adult-bp", "age < 18 || systolic_bp >= 60", "");
            assertTrue(editor.addRule());
        });
        Task<Bundle> save = WaitForAsyncUtils.asyncFx(() -> editor.save(out)).get(10, TimeUnit.SECONDS);
        Thread engine = new Thread(save);
        engine.start();
        save.get(60, TimeUnit.SECONDS); // throws what the save threw
        Bundle saved = BundleLoader.load(out);
        assertEquals(original, Files.readString(Samples.CLINIC_RISK.resolve("bundle.json")));
        assertEquals(observedMax, saved.manifest().features().get(0).max());
        assertEquals(List.of("pregnant-male", "pregnancy-age", "adult-bp"),
                saved.manifest().rules().stream().map(r -> r.name()).toList());
        assertEquals("1.0.1", saved.manifest().version());
    }
}
