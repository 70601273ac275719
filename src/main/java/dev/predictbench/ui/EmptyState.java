package dev.predictbench.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** Until there is a result, a view shows one line saying what to do instead of empty axes. */
public final class EmptyState {

    private EmptyState() {
    }

    public static StackPane wrap(Node content, ObservableValue<?> result, String whatToDo) {
        Label hint = new Label(whatToDo);
        hint.getStyleClass().add("empty-state");
        hint.setMaxWidth(520);
        var empty = Bindings.createBooleanBinding(() -> result.getValue() == null, result);
        hint.visibleProperty().bind(empty);
        content.visibleProperty().bind(empty.not());
        return new StackPane(content, hint);
    }
}
