package dev.pressuremonitor.server.overlay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A kept overlay message comes back exactly as it was kept, whatever was kept in its place before. */
class KeptFrameTest {
    private static byte[] utf8(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(KeptFrame f) {
        return new String(f.utf8(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aShorterMessageKeptInPlaceOfALongerOneComesBackWithoutTheLongersTail() {
        KeptFrame f = new KeptFrame();
        f.keep(utf8("{\"type\":\"alert\",\"phrase\":\"just checking in on the proposal\"}"));
        f.keep(utf8("{\"type\":\"alert\"}"));
        assertThat(text(f)).isEqualTo("{\"type\":\"alert\"}");
    }

    @Test
    void aMessageWithCharactersBeyondAsciiComesBackWhole() {
        KeptFrame f = new KeptFrame();
        f.keep(utf8("{\"phrase\":\"ok\"}"));
        String accented = "{\"phrase\":\"d\u00e9j\u00e0 vu \u2014 \u00fcberzeugt? \uD83D\uDE00\"}";
        f.keep(utf8(accented));
        assertThat(text(f)).isEqualTo(accented);
        f.keep(utf8("{\"phrase\":\"plain again\"}"));
        assertThat(text(f)).isEqualTo("{\"phrase\":\"plain again\"}");
    }

    @Test
    void aSmallMessageAfterAHugeOneComesBackIntact() {
        KeptFrame f = new KeptFrame();
        f.keep(utf8("x".repeat(100_000)));
        f.keep(utf8("{\"small\":true}"));
        assertThat(text(f)).isEqualTo("{\"small\":true}");
    }

    @Test
    void aClearedFrameIsEmptyAndHasNoText() {
        KeptFrame f = new KeptFrame();
        assertThat(f.isEmpty()).isTrue();
        f.keep(utf8("{}"));
        assertThat(f.isEmpty()).isFalse();
        f.clear();
        assertThat(f.isEmpty()).isTrue();
        assertThatThrownBy(f::utf8).isInstanceOf(IllegalStateException.class);
    }
}
