package dev.pressuremonitor.agent.cli;

/**
 * Ctrl-C hooks of the long-running commands. A Ctrl-C that comes while a command is still starting (before its hook
 * is in place) is an ordinary stop: the command learns it here, cleans up and returns, instead of dying with
 * "Shutdown in progress" and a stack trace.
 */
final class StopHooks {
    private StopHooks() {
    }

    /** How long a Ctrl-C hook lets the call end, be delivered and be reported: past the call's own wait for delivery. */
    static final long CALL_END_WAIT_SECONDS = CallRunner.STOPPING_WAIT.toSeconds() + 2;

    /**
     * The Ctrl-C hook of a command that follows a call: says {@code saying} (unless the call has finished), releases
     * {@code released} (the call's stop, and anything the command waits on before the call begins), lets the call end
     * and be delivered ({@code finished}, at most {@link #CALL_END_WAIT_SECONDS}), then runs {@code then}.
     */
    static Thread endingTheCall(java.io.PrintWriter err, String saying, java.util.concurrent.CountDownLatch finished, Runnable then,
                                java.util.concurrent.CountDownLatch... released) {
        return new Thread(() -> {
            if (finished.getCount() > 0) {
                err.println(saying);
                err.flush();
            }
            for (var latch : released) latch.countDown();
            CallRunner.awaitQuietly(finished, CALL_END_WAIT_SECONDS);
            then.run();
        }, "pressure-monitor-shutdown");
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
