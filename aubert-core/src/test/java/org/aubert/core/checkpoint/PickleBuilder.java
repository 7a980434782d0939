package org.aubert.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembles pickle bytes for tests, so malformed and hostile streams need no Python. */
final class PickleBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts a protocol-2 pickle, as torch.save writes. */
    static PickleBuilder proto2() { return new PickleBuilder().op(0x80, 2); }

    PickleBuilder op(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    PickleBuilder ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    PickleBuilder global(String module, String name) { return op('c').ascii(module + "\n" + name + "\n"); }

    PickleBuilder str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').int32(b.length);
        out.writeBytes(b);
        return this;
    }

    PickleBuilder int32(int v) { return op(v & 0xff, v >>> 8 & 0xff, v >>> 16 & 0xff, v >>> 24); }

    /** Any long, as LONG1 with 8 bytes (what pickle does for values beyond BININT). */
    PickleBuilder long1(long v) {
        op(0x8a, 8);
        for (int i = 0; i < 8; i++) op((int) (v >>> (8 * i)) & 0xff);
        return this;
    }

    PickleBuilder tuple(long... values) {
        op('(');
        for (long v : values) long1(v);
        return op('t');
    }

    /** {@code _rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict())}. */
    PickleBuilder tensor(String storageClass, String key, long storageNumel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').str("storage").global("torch", storageClass).str(key).str("cpu").long1(storageNumel).op('t', 'Q');
        long1(offset).tuple(size).tuple(stride).op(0x89);
        global("collections", "OrderedDict").op(')', 'R');
        return op('t', 'R');
    }

    byte[] bytes() { return out.toByteArray(); }
}
