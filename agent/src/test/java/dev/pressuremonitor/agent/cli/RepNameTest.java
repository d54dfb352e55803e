package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** 'run' at a terminal asks the rep's name once and remembers it, so reports name the rep, not the login. */
class RepNameTest {
    @TempDir
    Path home;
    final StringWriter err = new StringWriter();
    final List<String> asked = new ArrayList<>();

    private RepName.Prompt answers(String... typed) {
        ArrayDeque<String> left = new ArrayDeque<>(List.of(typed));
        return question -> {
            asked.add(question);
            return left.poll();
        };
    }

    private CallOptions settled(String rep, RepName.Prompt prompt) {
        CallOptions call = new CallOptions();
        call.rep = rep;
        RepName.settle(call, prompt, RepName.file(home), new PrintWriter(err, true));
        return call;
    }

    @Test
    void theFirstRunAsksAndTheNextOneRemembers() {
        assertThat(settled(null, answers("ana")).repName()).isEqualTo("ana");
        assertThat(RepName.remembered(RepName.file(home))).hasValue("ana");
        asked.clear();
        CallOptions next = settled(null, answers("never asked"));
        assertThat(asked).isEmpty();
        assertThat(RepName.remembered(RepName.file(home))).hasValue("ana");
        assertThat(next.rep).as("the remembered name is read where the name is needed").isNull();
    }

    @Test
    void aNameThatWillNotDoIsAskedForAgainSayingWhy() {
        assertThat(settled(null, answers("Ana Lopez", "ana.lopez")).repName()).isEqualTo("ana.lopez");
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1)).startsWith("'Ana Lopez' will not do: use 1 to 64 letters, digits");
    }

    @Test
    void withoutATerminalNothingIsAskedOrWritten() {
        settled(null, null);
        assertThat(RepName.remembered(RepName.file(home))).isEmpty();
    }

    @Test
    void aNameGivenWithRepAtATerminalBecomesTheRememberedOne() {
        settled(null, answers("ana"));
        settled("ben", answers());
        assertThat(asked).hasSize(1);
        assertThat(RepName.remembered(RepName.file(home))).isEqualTo(Optional.of("ben"));
    }

    @Test
    void givingUpSaysWhichNameReportsWillShowAndHowToSetIt() {
        CallOptions call = settled(null, answers("a b", "c d", "e f"));
        assertThat(asked).hasSize(RepName.TRIES);
        assertThat(err.toString()).contains("no name given; reports will say '" + call.repName() + "' (pass --rep NAME to set it)");
        assertThat(RepName.remembered(RepName.file(home))).isEmpty();
    }
}
