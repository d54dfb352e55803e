package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;

import java.net.BindException;

/** Starting the server from a command, with the errors a user can act on. */
final class Servers {
    private Servers() {}

    static PressureServer start(BindOptions bind, StoreOptions store, boolean auth, java.util.List<String> origins) throws InterruptedException {
        return start(bind, store, auth, origins, c -> c);
    }

    /** @param more what the command sets beyond the shared options */
    static PressureServer start(BindOptions bind, StoreOptions store, boolean auth, java.util.List<String> origins,
                                java.util.function.UnaryOperator<ServerConfig> more) throws InterruptedException {
        String host = bind.host;
        int port = bind.port;
        if (port < 0 || port > 65535) throw new UserException("--port must be from 0 to 65535, was " + port);
        ServerConfig config = store.apply(ServerConfig.defaults().withHost(host).withPort(port)).withAuth(auth).withAllowedOrigins(origins);
        config = more.apply(config);
        try {
            return PressureServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        } catch (Exception e) { // Netty rethrows a BindException undeclared
            Throwable c = e;
            while (c.getCause() != null && !(c instanceof BindException)) c = c.getCause();
            if (c instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw new UserException("cannot listen on " + host + ":" + port + " (" + c.getMessage() + "): pass another --port, or --port 0 for a free one");
            }
            if (e instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e);
        }
    }

}
