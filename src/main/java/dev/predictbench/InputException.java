package dev.predictbench;

/**
 * Input a user can fix: a missing file, a bad bundle, a CSV that cannot be read.
 * The message is the one line shown to the user; it names the file, row or field
 * and what was expected. The CLI maps it to exit code 2, the UI to an error dialog.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
