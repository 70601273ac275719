package dev.predictbench.inference;

import com.sun.jna.Function;
import com.sun.jna.Platform;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the process end without running libtorch's C++ static destructors, which take about a
 * tenth of a second at every exit (they deregister thousands of operators) and do nothing a
 * finished process needs. Once libtorch is loaded, glibc's {@code on_exit} gets {@code _exit}:
 * exit handlers run in the reverse order of their registration, so this one runs after the JVM
 * has shut down (shutdown hooks run, files closed and deleted) and before the destructors
 * libtorch registered when it loaded, and ends the process with the same status. Only on Linux
 * with glibc; anywhere else the process exits as it always did.
 */
final class QuickExit {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private QuickExit() {
    }

    static void afterLibtorchLoaded() {
        if (!Platform.isLinux() || !REGISTERED.compareAndSet(false, true)) {
            return;
        }
        try {
            // on_exit calls the handler with (status, argument): _exit(status) is such a handler.
            Function exit = Function.getFunction("c", "_exit");
            Function.getFunction("c", "on_exit").invokeInt(new Object[] {exit, null});
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no on_exit here (musl, say): the destructors run
        }
    }
}
