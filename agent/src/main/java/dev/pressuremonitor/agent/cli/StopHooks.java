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

    /** Removes {@code hook} when the command ends by itself; nothing to do once the process is stopping. */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already on the way out: the hook runs, and finds the work done
        }
    }
}
