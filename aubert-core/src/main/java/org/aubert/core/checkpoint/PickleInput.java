package org.aubert.core.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over an in-memory pickle. Every length read from the stream is checked
 * against the bytes actually left, so a forged length can neither overrun nor make us allocate more
 * than the pickle's own size.
 */
final class PickleInput {
    private final byte[] buf;
    private final String source;
    private int pos;

    PickleInput(byte[] buf, String source) {
        this.buf = buf;
        this.source = source;
    }

    int position() { return pos; }

    int remaining() { return buf.length - pos; }

    int u8() throws IOException {
        need(1);
        return buf[pos++] & 0xff;
    }

    int u16() throws IOException {
        need(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int i32() throws IOException {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long u32() throws IOException { return i32() & 0xffffffffL; }

    long i64() throws IOException {
        long lo = u32();
        long hi = u32();
        return lo | hi << 32;
    }

    /** BINFLOAT is the one big-endian field in the pickle format. */
    double f64BigEndian() throws IOException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (buf[pos + i] & 0xff);
        pos += 8;
        return Double.longBitsToDouble(v);
    }

    byte[] bytes(long n) throws IOException {
        if (n < 0) throw new IOException(source + ": corrupt data.pkl: negative length " + n + " at byte " + pos);
        need(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    String utf8(long n) throws IOException { return new String(bytes(n), StandardCharsets.UTF_8); }

    /** A protocol-0 text argument: the bytes up to the next newline, which is consumed. */
    String line() throws IOException {
        for (int i = pos; i < buf.length; i++) {
            if (buf[i] == '\n') {
                String s = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return s;
            }
        }
        throw truncated(remaining() + 1L);
    }

    private void need(long n) throws IOException {
        if (n > remaining()) throw truncated(n);
    }

    private IOException truncated(long n) {
        return new IOException(source + ": data.pkl is truncated (needed " + n + " bytes at byte " + pos + ", "
                + remaining() + " left)");
    }
}
