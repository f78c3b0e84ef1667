package io.vqi.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tiny JSON writer for {@code --json} output: build an {@link Obj} or {@link Arr}, then {@code toString()}
 * (compact, one line) or {@link Value#toPrettyString()}. Members keep their insertion order. The text is pure ASCII
 * (everything else is {@code \}{@code uXXXX}-escaped) so it survives any terminal or locale; non-finite doubles, which
 * JSON cannot express, are written as {@code null}.
 */
public final class Json {
    private Json() {
    }

    public static Obj object() {
        return new Obj();
    }

    public static Arr array() {
        return new Arr();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(out, s);
        return out.toString();
    }

    /** An object or an array. */
    public sealed interface Value permits Obj, Arr {
        /** Indented by two spaces per level, one member or element per line. */
        default String toPrettyString() {
            return text(this, 0);
        }
    }

    /** A JSON object; {@code put} replaces an earlier member of the same name. */
    public static final class Obj implements Value {
        private final Map<String, Object> members = new LinkedHashMap<>();

        private Obj() {
        }

        public Obj put(String name, String value) {
            return member(name, value);
        }

        public Obj put(String name, long value) {
            return member(name, value);
        }

        public Obj put(String name, double value) {
            return member(name, value);
        }

        public Obj put(String name, boolean value) {
            return member(name, value);
        }

        public Obj put(String name, Value value) {
            return member(name, value);
        }

        public Obj putNull(String name) {
            return member(name, null);
        }

        private Obj member(String name, Object value) {
            members.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        @Override
        public String toString() {
            return text(this, -1);
        }
    }

    /** A JSON array. */
    public static final class Arr implements Value {
        private final List<Object> elements = new ArrayList<>();

        private Arr() {
        }

        public Arr add(String value) {
            return element(value);
        }

        public Arr add(long value) {
            return element(value);
        }

        public Arr add(double value) {
            return element(value);
        }

        public Arr add(boolean value) {
            return element(value);
        }

        public Arr add(Value value) {
            return element(value);
        }

        public Arr addNull() {
            return element(null);
        }

        public int size() {
            return elements.size();
        }

        private Arr element(Object value) {
            elements.add(value);
            return this;
        }

        @Override
        public String toString() {
            return text(this, -1);
        }
    }

    /** Writes {@code value}; {@code indent} is the nesting depth when pretty-printing, -1 for compact output. */
    /** {@code value} as text: on one line ({@code indent} -1), or indented from {@code indent} levels. */
    private static String text(Value value, int indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Obj obj) {
            writeContainer(out, '{', '}', obj.members.entrySet(), indent, (o, e, i) -> {
                writeString(o, e.getKey());
                o.append(i < 0 ? ":" : ": ");
                write(o, e.getValue(), i);
            });
        } else if (value instanceof Arr arr) {
            writeContainer(out, '[', ']', arr.elements, indent, Json::write);
        } else {
            throw new AssertionError("not a JSON value: " + value.getClass());
        }
    }

    private interface ItemWriter<T> {
        void write(StringBuilder out, T item, int indent);
    }

    private static <T> void writeContainer(StringBuilder out, char open, char close, Iterable<T> items, int indent,
                                           ItemWriter<T> writer) {
        boolean pretty = indent >= 0;
        int inner = pretty ? indent + 1 : -1;
        out.append(open);
        boolean empty = true;
        for (T item : items) {
            out.append(empty ? "" : ",");
            newline(out, inner);
            writer.write(out, item, inner);
            empty = false;
        }
        if (!empty) {
            newline(out, indent);
        }
        out.append(close);
    }

    private static void newline(StringBuilder out, int indent) {
        if (indent >= 0) {
            out.append('\n').append("  ".repeat(indent));
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
