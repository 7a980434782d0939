package org.aubert.examples.cli;

import java.util.Arrays;
import java.util.Locale;

/** Parsing of enum-valued options with an error that lists the allowed values. */
final class Options {
    private Options() {}

    static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        throw new IllegalArgumentException(option + " must be one of " + allowed + ", got '" + value + "'");
    }
}
