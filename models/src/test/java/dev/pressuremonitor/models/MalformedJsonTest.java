package dev.pressuremonitor.models;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broken JSON is described in words a person editing the file understands, with where it is. */
class MalformedJsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {"a": "b                  | the text ends inside a string: a closing double quote is missing
            {"a": [1, 2               | the text ends before the array is closed: a ']' is missing
            {"a": 1                   | the text ends before the object is closed: a '}' is missing
            {"a": yes}                | unexpected text 'yes' where a value belongs (strings need double quotes; true, false and null are lower case)
            {"a": 1,}                 | a comma before '}' (remove the trailing comma)
            {'a': 1}                  | field names need double quotes, not single quotes
            {"a": 0,66}               | a number continues after a comma (a decimal comma such as 0,66? write 0.66)
            {"a": 1, b: 2}            | expected a field name in double quotes, found 'b'
            {"a": 1 "b": 2}           | expected ',' or '}' after a value, found '"'
            {"a": [1 2]}              | expected ',' or ']' after a value, found '2'
            {"a": 1} {}               | more text after the JSON value ends
            {"a": 1]}                 | a closing ']' that matches nothing
            {"a": 1, "a": 2}          | field 'a' appears twice
            """)
    void isDescribedWithWhereAndWhat(String json, String what) {
        assertThatThrownBy(() -> Json.readTree(json)).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("malformed JSON at column ").hasMessageEndingWith(": " + what);
    }

    @org.junit.jupiter.api.Test
    void aFaultOnTheFirstLineSaysWhichColumn() {
        assertThatThrownBy(() -> Json.readTree("{\"a\": yes}")).hasMessageStartingWith("malformed JSON at column 7: ");
    }

    @org.junit.jupiter.api.Test
    void aFaultPastTheFirstLineSaysWhichLine() {
        assertThatThrownBy(() -> Json.readTree("{\n  \"a\": 1,\n  \"b\": tru\n}")).hasMessageStartingWith("malformed JSON at line 3, column ");
    }

    @org.junit.jupiter.api.Test
    void aRawLineBreakInsideAStringIsNamed() {
        assertThatThrownBy(() -> Json.readTree("{\"a\": \"one\u0001two\"}"))
                .hasMessageEndingWith("a raw line break or control character inside a string (write it as \\n)");
    }
}
