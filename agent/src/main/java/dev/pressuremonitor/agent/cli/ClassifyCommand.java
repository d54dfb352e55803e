package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.agent.detect.RulePack;
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
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "classify",
        mixinStandardHelpOptions = true,
        header = "Label rep utterances: JSON lines in, JSON lines out.",
        description = {
                "Reads rep utterances as JSON lines on stdin and writes, for each, the pressure it hears.",
                "Input:  {\"id\": \"1\", \"text\": \"...\", \"context\": \"the prospect's previous words (optional)\"}",
                "        (other fields are ignored, and said once; without an id a line is known by its number;",
                "        context may also be a list of turns, the last one the prospect's, or an object with a text)",
                "Output: {\"id\": \"1\", \"label\": \"CHASE\", \"labels\": [\"CHASE\"], \"alerts\": [{\"category\", \"rule\", \"phrase\", \"severity\"}]}",
                "        (label: the one label eval scores, NONE when nothing was heard; labels: every category heard, that one first)",
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
        var engine = ruleOptions.engine();
        TextClassifier classifier = new TextClassifier(engine, learnedOptions.opinion(spec.commandLine().getErr()));
        PrintWriter out = spec.commandLine().getOut();
        int bad = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        PrintWriter err = spec.commandLine().getErr();
        var ignored = new LabelledLine.IgnoredFields(err, "classify reads id, text, context");
        var pack = engine.pack();
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            try {
                LabelledLine l = LabelledLine.parse(line, false);
                l.ignored().forEach(ignored::note);
                ObjectNode o = result(l.id(), classifier.classify(l.text(), l.context()), pack);
                if (l.id() == null) o.put("line", number);
                out.println(Json.write(o));
            } catch (DecodeException e) {
                bad++;
                ObjectNode failed = Json.mapper().createObjectNode();
                String id = LabelledLine.idOf(line);
                if (id != null) failed.put("id", id);
                failed.put("line", number);
                failed.put("error", e.getMessage());
                out.println(failed);
            }
            out.flush();
        }
        if (bad > 0) err.println("pressure-monitor classify: " + bad + " malformed line(s); see the \"error\" lines in the output");
        return bad > 0 ? 1 : 0;
    }

    /**
     * {@code label}: the one label {@code eval} scores (the heaviest alert's category, NONE when nothing was heard);
     * {@code labels}: every category heard, that one first, then the others in the usual order.
     */
    static ObjectNode result(String id, List<Alert> alerts, RulePack pack) {
        ObjectNode o = Json.mapper().createObjectNode();
        if (id != null) o.put("id", id);
        Optional<Category> primary = TextClassifier.primary(alerts, pack);
        o.put("label", primary.map(Category::name).orElse("NONE"));
        Set<Category> labels = new LinkedHashSet<>();
        primary.ifPresent(labels::add);
        alerts.stream().map(Alert::category).sorted().forEach(labels::add);
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
