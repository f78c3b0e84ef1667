package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\"",
                Json.quote("a\"b\\c/\b\f\n\r\t\u0000\u001f\u007f"));
    }

    @Test
    void writesOnlyAsciiSoAnyTerminalShowsIt() {
        assertEquals("\"caf\\u00e9 \\u2028 \\ud83d\\ude00\"", Json.quote("café \u2028 \uD83D\uDE00"));
    }

    @Test
    void everyCharRoundTripsThroughAStrictParser() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c); // lone surrogates included: Java strings can hold them, file names too
        }
        String quoted = Json.quote(all.toString());
        assertTrue(quoted.chars().allMatch(c -> c >= 0x20 && c < 0x7F), "pure printable ASCII");
        assertEquals(all.toString(), JsonParser.parse(quoted));
    }

    @Test
    void compactObjectKeepsMemberOrderAndTypes() {
        Json.Obj obj = Json.object()
                .put("s", "x")
                .put("i", 42)
                .put("l", Long.MAX_VALUE)
                .put("d", 0.5)
                .put("t", true)
                .put("f", false)
                .putNull("n")
                .put("o", Json.object())
                .put("a", Json.array().add(1).add("two").add(Json.array()).addNull());
        assertEquals("{\"s\":\"x\",\"i\":42,\"l\":9223372036854775807,\"d\":0.5,\"t\":true,\"f\":false,\"n\":null,"
                + "\"o\":{},\"a\":[1,\"two\",[],null]}", obj.toString());
        Map<String, Object> parsed = JsonParser.parseObject(obj.toString());
        assertEquals(List.of("s", "i", "l", "d", "t", "f", "n", "o", "a"), List.copyOf(parsed.keySet()));
    }

    @Test
    void putReplacesAnEarlierMemberInPlace() {
        assertEquals("{\"a\":2,\"b\":1}", Json.object().put("a", 1).put("b", 1).put("a", 2).toString());
    }

    @Test
    void nonFiniteDoublesBecomeNull() {
        assertEquals("[null,null,null,1.0E-5,-0.0]", Json.array().add(Double.NaN).add(Double.POSITIVE_INFINITY)
                .add(Double.NEGATIVE_INFINITY).add(1e-5).add(-0.0).toString());
        JsonParser.parse(Json.array().add(1e300).add(-1e-300).add(Double.MIN_VALUE).toString());
    }

    @Test
    void prettyPrintIndentsTwoSpacesPerLevel() {
        Json.Obj obj = Json.object().put("a", 1).put("b", Json.array().add(true).add(Json.object().put("c", "d")))
                .put("e", Json.object()).put("f", Json.array());
        assertEquals("""
                {
                  "a": 1,
                  "b": [
                    true,
                    {
                      "c": "d"
                    }
                  ],
                  "e": {},
                  "f": []
                }""", obj.toPrettyString());
        assertEquals(JsonParser.parse(obj.toString()), JsonParser.parse(obj.toPrettyString()));
    }
}
