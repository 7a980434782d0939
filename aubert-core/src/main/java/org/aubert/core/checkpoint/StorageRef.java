package org.aubert.core.checkpoint;

import java.io.IOException;

import org.aubert.core.tensor.DType;

/**
 * A storage named by a persistent id in data.pkl: element type, the record name under
 * {@code <archive>/data/} and the element count the pickle claims (checked against the record later).
 */
record StorageRef(DType dtype, String key, long numel) {

    /** Parses torch's persistent id {@code ('storage', torch.FloatStorage, '0', 'cpu', 10)}. */
    static StorageRef fromPersistentId(Object pid, String source) throws IOException {
        if (!(pid instanceof PickleTuple t) || t.size() != 5 || !"storage".equals(t.get(0))) {
            throw new IOException(source + ": unsupported persistent id in data.pkl (expected a 5-tuple"
                    + " ('storage', type, key, location, size), got " + RestrictedUnpickler.typeName(pid) + ")");
        }
        if (!(t.get(1) instanceof AllowedGlobal g) || g.storageDType() == null) {
            throw new IOException(source + ": persistent id names no storage type (got "
                    + RestrictedUnpickler.typeName(t.get(1)) + ")");
        }
        if (!(t.get(2) instanceof String key) || !key.matches("[A-Za-z0-9_.-]{1,64}") || key.contains("..")) {
            throw new IOException(source + ": invalid storage key in persistent id");
        }
        if (!(t.get(4) instanceof Long numel) || numel < 0) {
            throw new IOException(source + ": storage '" + key + "' has an invalid element count");
        }
        // t.get(3) is the device ('cpu', 'cuda:0'): irrelevant, everything lands on the host.
        return new StorageRef(g.storageDType(), key, numel);
    }
}
