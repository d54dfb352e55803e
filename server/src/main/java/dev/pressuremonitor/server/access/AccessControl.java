package dev.pressuremonitor.server.access;

import dev.pressuremonitor.server.calls.CallStore;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides who is who. With access control off (a local, loopback-only server) everyone is {@link Principal#LOCAL};
 * with it on, every agent, overlay and team-page request needs a token the database (or this process, for the
 * local single-user mode) knows.
 */
public final class AccessControl {
    private final boolean required;
    private final CallStore store;
    private final Map<String, Principal> ephemeral = new ConcurrentHashMap<>();

    public AccessControl(boolean required, CallStore store) {
        this.required = required;
        this.store = store;
    }

    public boolean required() {
        return required;
    }

    /** A token that lives only as long as this server, for the single-user {@code run} mode. */
    public String issueEphemeral(Principal.Kind kind, String rep, String team) {
        String token = Tokens.newToken();
        ephemeral.put(Tokens.hash(token), new Principal(kind, rep, team));
        return token;
    }

    /** The database could not say whether a token is known: the client should try again, not give up. */
    public static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The principal for {@code token}; empty when access control is on and the token is missing or unknown.
     *
     * @throws Unavailable when the database cannot be asked (logged here): neither known nor unknown
     */
    public Optional<Principal> authenticate(String token) throws Unavailable {
        if (!required) return Optional.of(Principal.LOCAL);
        if (!Tokens.plausible(token)) return Optional.empty();
        String hash = Tokens.hash(token);
        Principal p = ephemeral.get(hash);
        if (p != null) return Optional.of(p);
        try {
            return store.findToken(hash);
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(AccessControl.class).error("cannot look up a token in the database ({}): answering 503, clients retry", e.getMessage());
            throw new Unavailable("the server cannot check tokens right now (its database answered: " + e.getMessage() + "): try again shortly", e);
        }
    }
}
