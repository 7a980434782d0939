package org.aubert.core.checkpoint;

import java.util.Collections;
import java.util.List;

/**
 * A Python tuple from a pickle. Kept distinct from lists (which are mutable {@link java.util.ArrayList}s)
 * because APPEND must refuse tuples and tensor sizes/strides must be tuples.
 */
record PickleTuple(List<Object> items) {

    PickleTuple {
        items = Collections.unmodifiableList(items); // not List.copyOf: Python None is a null element
    }

    static PickleTuple of(Object... items) { return new PickleTuple(java.util.Arrays.asList(items)); }

    int size() { return items.size(); }

    Object get(int i) { return items.get(i); }
}
