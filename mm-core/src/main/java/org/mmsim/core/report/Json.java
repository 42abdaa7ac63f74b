package org.mmsim.core.report;

/** The little JSON the reports need: string literals with correct escaping, and compact values. */
public final class Json {
    private Json() {
    }

    /** {@code s} as a JSON string literal (quotes included); null becomes {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    /**
     * Appends {@code s} as a JSON string literal ({@code null} for null). Escapes {@code "} and {@code \}, every control
     * character (the short forms where JSON has them), U+2028/U+2029 (so the output is also valid
     * JavaScript) and unpaired surrogates (so the output is always valid UTF-8).
     */
    public static void quote(String s, StringBuilder sb) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        hex(c, sb);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            hex(c, sb);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        hex(c, sb);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Appends a value on one line: a map or a record as an object (in iteration or declaration
     * order), a list as an array, a string, number, boolean or null as themselves.
     */
    public static void value(Object v, StringBuilder sb) {
        if (v instanceof java.util.Map<?, ?> map) {
            sb.append('{');
            String sep = "";
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sep);
                quote(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                value(e.getValue(), sb);
                sep = ", ";
            }
            sb.append('}');
        } else if (v instanceof java.util.List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                value(list.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Record rec) {
            // a record as an object of its components, in declaration order
            java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
            for (java.lang.reflect.RecordComponent c : rec.getClass().getRecordComponents()) {
                try {
                    map.put(c.getName(), c.getAccessor().invoke(rec));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            value(map, sb);
        } else {
            quote(v == null ? null : v.toString(), sb);
        }
    }

    private static void hex(char c, StringBuilder sb) {
        sb.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(h);
    }
}
