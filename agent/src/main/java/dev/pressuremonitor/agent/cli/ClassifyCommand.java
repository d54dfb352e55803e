package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.agent.detect.TextClassifier;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "classify",
        mixinStandardHelpOptions = true,
        header = "Label rep utterances: JSON lines in, JSON lines out.",
        description = {
                "Reads rep utterances as JSON lines on stdin and writes, for each, the pressure it hears.",
                "Input:  {\"id\": \"1\", \"text\": \"...\", \"context\": \"the prospect's previous words (optional)\"}",
                "Output: {\"id\": \"1\", \"labels\": [\"CHASE\"], \"alerts\": [{\"category\", \"rule\", \"phrase\", \"severity\"}]}",
                "A malformed line gets {\"id\" or \"line\", \"error\"} and the rest goes on; the exit code is then 1."
        },
        footerHeading = "%nExample:%n",
        footer = {"  echo '{\"id\":\"a\",\"text\":\"just circling back\"}' | pressure-monitor classify"})
final class ClassifyCommand implements Callable<Integer> {
    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    LearnedOptions learnedOptions;

    @Spec
    CommandSpec spec;

    @ParentCommand
    PressureMonitor parent;

    @Override
    public Integer call() throws IOException {
        TextClassifier classifier = new TextClassifier(ruleOptions.engine(), learnedOptions.opinion(spec.commandLine().getErr()));
        PrintWriter out = spec.commandLine().getOut();
        int bad = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            try {
                LabelledLine l = LabelledLine.parse(line);
                out.println(Json.write(result(l.id(), classifier.classify(l.text(), l.context()))));
            } catch (DecodeException e) {
                bad++;
                ObjectNode err = Json.mapper().createObjectNode();
                String id = LabelledLine.idOf(line);
                if (id != null) err.put("id", id);
                err.put("line", number);
                err.put("error", e.getMessage());
                out.println(err);
            }
            out.flush();
        }
        if (bad > 0) spec.commandLine().getErr().println("pressure-monitor classify: " + bad + " malformed line(s); see the \"error\" lines in the output");
        return bad > 0 ? 1 : 0;
    }

    static ObjectNode result(String id, List<Alert> alerts) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", id);
        TreeSet<Category> labels = new TreeSet<>();
        alerts.forEach(a -> labels.add(a.category()));
        ArrayNode ls = o.putArray("labels");
        labels.forEach(c -> ls.add(c.name()));
        ArrayNode as = o.putArray("alerts");
        for (Alert a : alerts) {
            ObjectNode j = as.addObject();
            j.put("category", a.category().name());
            j.put("rule", a.rule());
            j.put("phrase", a.phrase());
            j.put("severity", a.severity().name());
        }
        return o;
    }
}
