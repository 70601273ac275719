package dev.predictbench.ui;

import dev.predictbench.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Shows what went wrong and what to do; the technical details are expandable. */
public final class ErrorDialog {

    private ErrorDialog() {
    }

    public static void show(Window owner, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("PredictBench");
        boolean userError = error instanceof InputException;
        alert.setHeaderText(userError ? "This input cannot be used" : "Something went wrong inside PredictBench");
        alert.setContentText(error.getMessage() + (userError ? "" : "\n\nPlease report this with the details below."));
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setWrapText(false);
        alert.getDialogPane().setExpandableContent(details);
        alert.getDialogPane().setPrefWidth(640);
        alert.show();
    }
}
