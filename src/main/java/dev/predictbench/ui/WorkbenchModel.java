package dev.predictbench.ui;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.scoring.ParityCheck;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.nio.file.Path;
import java.util.function.Consumer;
import dev.predictbench.inference.DeviceChoice;
import dev.predictbench.schema.ColumnMapping;
import dev.predictbench.inference.TorchRuntime;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * The workbench's session state: the open bundle with its loaded model, the open
 * data file, and the one background task running at a time. Views bind to its
 * read-only properties; all changes happen on the FX thread.
 */
public final class WorkbenchModel {

    private final EngineExecutor engine;
    private final Consumer<Throwable> onError;
    private final ReadOnlyObjectWrapper<Scorer> scorer = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> dataFile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a model bundle to begin.");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper parityRefusal = new ReadOnlyStringWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ObjectProperty<DeviceChoice> device = new SimpleObjectProperty<>(DeviceChoice.AUTO);
    private final ReadOnlyObjectWrapper<TorchRuntime.EngineInfo> engineInfo = new ReadOnlyObjectWrapper<>();
    private ColumnMapping columnMapping = ColumnMapping.NONE;
    private CsvDialect csvDialect = CsvDialect.AUTO;
    private Task<?> current;

    public WorkbenchModel(EngineExecutor engine, Consumer<Throwable> onError) {
        this.engine = engine;
        this.onError = onError;
    }

    /** The engine's versions and devices, once it has started (null before). */
    public ReadOnlyObjectProperty<TorchRuntime.EngineInfo> engineInfoProperty() {
        return engineInfo.getReadOnlyProperty();
    }

    /** Starts the engine in the background (natives load, ~1 s on a first start), then runs {@code then}. */
    public void startEngine(Runnable then) {
        Task<TorchRuntime.EngineInfo> task = new Task<>() {
            @Override
            protected TorchRuntime.EngineInfo call() {
                updateMessage("Starting the PyTorch engine...");
                TorchRuntime.EngineInfo info = TorchRuntime.info();
                updateMessage("PyTorch " + info.libtorchVersion() + " ready.");
                return info;
            }
        };
        task.setOnSucceeded(e -> {
            engineInfo.set(task.getValue());
            then.run();
        });
        run(task);
    }

    /** Where models run; changing it reloads the open bundle on the new device. */
    public ObjectProperty<DeviceChoice> deviceProperty() {
        return device;
    }

    public ReadOnlyObjectProperty<Scorer> scorerProperty() {
        return scorer.getReadOnlyProperty();
    }

    public Bundle bundle() {
        return scorer.get() == null ? null : scorer.get().bundle();
    }

    public ReadOnlyObjectProperty<Path> dataFileProperty() {
        return dataFile.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last bundle opened was refused by its parity certificate; null when it was not. */
    public ReadOnlyStringProperty parityRefusalProperty() {
        return parityRefusal.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Loads a bundle and its model in the background; the old model is closed once the new one is in. */
    public Task<Scorer> openBundle(Path path, Runnable then) {
        DeviceChoice choice = device.get();
        Task<Scorer> task = new Task<>() {
            @Override
            protected Scorer call() {
                updateMessage("Loading " + path.getFileName() + "...");
                Bundle bundle = BundleLoader.load(path);
                Scorer opened = Scorer.open(bundle, new ScoringOptions(choice, ScoringOptions.DEFAULT_BATCH_SIZE, null,
                        ScoringOptions.defaults().invalidRows()));
                opened.dropoutActive(); // probed here, so the views can ask on the UI thread without waiting
                return opened;
            }
        };
        task.setOnFailed(e -> parityRefusal.set(task.getException() instanceof ParityCheck.Mismatch
                ? "Refused " + path.getFileName() + ": " + task.getException().getMessage() : null));
        task.setOnSucceeded(e -> {
            parityRefusal.set(null);
            Scorer old = scorer.get();
            scorer.set(task.getValue());
            status.set("Loaded " + task.getValue().bundle().title() + " on " + task.getValue().device() + ".");
            if (old != null) {
                engine.submit(new Task<Void>() {
                    @Override
                    protected Void call() {
                        old.close();
                        return null;
                    }
                });
            }
            then.run();
        });
        return run(task);
    }

    /** Closes the open model on the engine thread (libtorch memory is freed now, not at some GC); before closing the engine. */
    public void closeModel() {
        Scorer open = scorer.get();
        if (open != null) {
            scorer.set(null);
            engine.submit(new Task<Void>() {
                @Override
                protected Void call() {
                    open.close();
                    return null;
                }
            });
        }
    }

    /** File columns the user matched to features by hand, for the open data file. */
    public ColumnMapping columnMapping() {
        return columnMapping;
    }

    public void setColumnMapping(ColumnMapping mapping) {
        columnMapping = mapping;
    }

    /** How the open data file is written (encoding, delimiter, decimal mark, missing markers). */
    public CsvDialect csvDialect() {
        return csvDialect;
    }

    public void setCsvDialect(CsvDialect dialect) {
        csvDialect = dialect;
    }

    public void openData(Path file) {
        if (!file.equals(dataFile.get())) {
            columnMapping = ColumnMapping.NONE;
            csvDialect = CsvDialect.AUTO;
        }
        dataFile.set(file);
        status.set("Data: " + file.getFileName());
    }

    /** Runs engine work with progress in the status bar; failures go to the error handler. */
    public <T> Task<T> run(Task<T> task) {
        if (isBusy()) {
            throw new IllegalStateException("a task is already running");
        }
        current = task;
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        task.stateProperty().addListener((obs, was, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED
                    || state == Worker.State.CANCELLED) {
                String last = status.get();
                progress.unbind();
                status.unbind();
                status.set(state == Worker.State.CANCELLED ? "Cancelled." : last);
                busy.set(false);
                current = null;
                if (state == Worker.State.FAILED) {
                    status.set("Failed: " + task.getException().getMessage());
                    onError.accept(task.getException());
                }
            }
        });
        return engine.submit(task);
    }

    /** True while there is no bundle or no data file to work on, or other work is running. */
    public javafx.beans.binding.BooleanBinding cannotWork() {
        return javafx.beans.binding.Bindings.createBooleanBinding(
                () -> scorer.get() == null || dataFile.get() == null || busy.get(),
                scorer, dataFile, busy);
    }

    public boolean isBusy() {
        return busy.get();
    }

    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }
}
