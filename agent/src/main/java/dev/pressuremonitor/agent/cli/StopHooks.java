package dev.pressuremonitor.agent.cli;

/**
 * Ctrl-C hooks of the long-running commands. A Ctrl-C that comes while a command is still starting (before its hook
 * is in place) is an ordinary stop: the command learns it here, cleans up and returns, instead of dying with
 * "Shutdown in progress" and a stack trace.
 */
final class StopHooks {
    private StopHooks() {
    }

    /** Registers {@code hook}; false when the process is already stopping, so the caller closes what it opened and returns. */
    static boolean add(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /**
     * Removes {@code hook} when the command ends by itself. False when it was not registered or the process is
     * already stopping: then the hook runs (or ran), so what it closes must be left to it.
     */
    static boolean remove(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
