package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The corpus laid out by domain: {@code DIR/domains/<domain>.jsonl}, and {@code DIR/split.json} naming the domains
 * held out for the test split. Every other domain is a dev domain, where rules may be tuned.
 */
record CorpusSplit(Path dir, Set<String> testDomains) {
    static final String DEV = "dev", TEST = "test";

    static CorpusSplit read(Path dir) {
        Path file = dir.resolve("split.json");
        JsonNode root;
        try {
            root = Json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserException("cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "): run from the project root or pass --corpus DIR, the folder that holds split.json and domains/");
        } catch (DecodeException e) {
            throw new UserException(file + ": not valid JSON: " + e.getMessage());
        }
        JsonNode test = root.get("test");
        if (test == null || !test.isArray() || test.isEmpty()) {
            throw new UserException(file + ": field 'test' must be a non-empty array of domain names, e.g. [\"telecom\"]");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode n : test) {
            if (!n.isTextual() || !n.textValue().matches("[a-z0-9][a-z0-9-]*")) {
                throw new UserException(file + ": field 'test': '" + n.asText() + "' is not a domain name (lower case, digits, '-')");
            }
            names.add(n.textValue());
        }
        return new CorpusSplit(dir, names);
    }

    Path domainFile(String domain) {
        return dir.resolve("domains").resolve(domain + ".jsonl");
    }

    /** The domain files of split {@code name}; a test domain whose file is missing is named on {@code err}. */
    List<Path> files(String name, PrintWriter err) {
        List<Path> out = new ArrayList<>();
        if (name.equals(TEST)) {
            for (String d : testDomains) {
                if (Files.isRegularFile(domainFile(d))) out.add(domainFile(d));
                else err.println("test domain '" + d + "' has no file yet (" + domainFile(d) + "): scored without it");
            }
        } else if (name.equals(DEV)) {
            try (Stream<Path> files = Files.list(dir.resolve("domains"))) {
                files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                        .filter(p -> !testDomains.contains(domainOf(p)))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UserException("cannot list " + dir.resolve("domains") + " (" + e.getClass().getSimpleName() + "): pass --corpus DIR");
            }
        } else {
            throw new UserException("--split must be 'dev' or 'test', was '" + name + "'");
        }
        if (out.isEmpty()) throw new UserException("split '" + name + "' has no domain files under " + dir.resolve("domains"));
        return out;
    }

    /** The domain a file of domains/ holds: its name without ".jsonl". */
    static String domainOf(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".jsonl") ? n.substring(0, n.length() - ".jsonl".length()) : n;
    }
}
