package dev.pressuremonitor.server.calls;

/**
 * Which calls to list: by rep, team and start time (epoch ms, from inclusive, to exclusive); null means any.
 *
 * @param limit at most this many, newest first
 */
public record CallFilter(String rep, String team, Long from, Long to, int limit) {
    public static CallFilter all() {
        return new CallFilter(null, null, null, null, 100);
    }
}
