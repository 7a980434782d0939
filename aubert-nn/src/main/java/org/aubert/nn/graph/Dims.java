package org.aubert.nn.graph;

import java.util.Map;

/**
 * A shape whose entries are either fixed sizes or symbols ({@code "B"}, {@code "T"}, ...) resolved
 * when a batch is run; used for per-step inputs the runner makes itself, such as dropout masks.
 */
public record Dims(Object... dims) {

    public static Dims of(Object... dims) {
        for (Object d : dims) {
            if (!(d instanceof String) && !(d instanceof Number)) throw new IllegalArgumentException("bad dim " + d);
        }
        return new Dims(dims.clone());
    }

    long[] placeholderShape() {
        long[] s = new long[dims.length];
        for (int i = 0; i < s.length; i++) s[i] = dims[i] instanceof Number n ? n.longValue() : -1;
        return s;
    }

    long[] resolve(Map<String, Long> symbols) {
        long[] s = new long[dims.length];
        for (int i = 0; i < s.length; i++) {
            if (dims[i] instanceof Number n) {
                s[i] = n.longValue();
            } else {
                Long v = symbols.get((String) dims[i]);
                if (v == null) throw new IllegalArgumentException("no value for dimension '" + dims[i] + "'");
                s[i] = v;
            }
        }
        return s;
    }
}
