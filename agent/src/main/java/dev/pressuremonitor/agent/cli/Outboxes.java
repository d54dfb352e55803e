package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.publish.Outbox;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Envelope;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The agent's client with its on-disk outbox, finishing what an earlier run of the agent left behind. */
final class Outboxes {
    /** Events kept while the server is away: hours of calls, a few tens of MB. */
    static final int CAPACITY = 50_000;

    private Outboxes() {}

    static AgentClient openClient(URI server, Path dir, String token, PrintWriter err) {
        Outbox outbox;
        try {
            outbox = Outbox.open(dir, CAPACITY);
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot open the outbox in " + dir + " (" + e.getMessage() + "): pass another --outbox DIR");
        }
        // a call an earlier run was following when it died is closed cleanly, after its waiting events, even when
        // nothing of it was waiting
        List<Envelope> closing = new ArrayList<>();
        for (String callId : outbox.unfinished()) {
            Outbox.CallMark m = outbox.mark(callId);
            closing.add(new Envelope(callId, m.lastSeq() + 1, System.currentTimeMillis(), new CallEnded(m.lastAt(), "agent-restarted")));
        }
        if (outbox.size() > 0 || !closing.isEmpty()) {
            err.println((outbox.size() > 0 ? "resending " + outbox.size() + " event(s) of " + outbox.calls().size()
                    + " earlier call(s) the server had not confirmed" : "an earlier run stopped mid-call")
                    + (closing.isEmpty() ? "" : "; closing " + closing.size() + " unfinished call(s)"));
            err.flush();
        }
        AgentClient client = new AgentClient(server, outbox, token, message -> {
            err.println("pressure-monitor: " + message);
            err.flush();
        });
        closing.forEach(client::accept);
        return client;
    }
}
