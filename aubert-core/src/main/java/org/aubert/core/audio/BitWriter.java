package org.aubert.core.audio;

import java.util.Arrays;

/** An MSB-first bit sink for the FLAC encoder, backed by a growable byte array. */
final class BitWriter {
    private byte[] buf = new byte[1 << 14];
    private int len;      // complete bytes in buf
    private long acc;     // pending bits, the newest in the low end
    private int accBits;  // number of pending bits, always < 8 between calls

    /** Appends the low {@code n} bits of {@code value}, {@code 0 <= n <= 32}. */
    void bits(int n, long value) {
        if (n == 0) return;
        acc = (acc << n) | (value & ((1L << n) - 1));
        accBits += n;
        while (accBits >= 8) {
            accBits -= 8;
            if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[len++] = (byte) (acc >>> accBits);
        }
    }

    /** {@code zeros} zero bits then a one: the quotient part of a Rice code. */
    void unary(int zeros) {
        while (zeros >= 32) {
            bits(32, 0);
            zeros -= 32;
        }
        bits(zeros + 1, 1);
    }

    /** A signed value as a FLAC Rice code with parameter {@code k}: zigzag, unary quotient, k low bits. */
    void rice(int k, int value) {
        int u = (value << 1) ^ (value >> 31);
        unary(u >>> k);
        bits(k, u);
    }

    void alignToByte() {
        if (accBits > 0) bits(8 - accBits, 0);
    }

    long bitLength() { return len * 8L + accBits; }

    /** The complete bytes written so far; callers align first when they need every bit. */
    byte[] array() { return buf; }

    int byteLength() { return len; }

    void append(BitWriter other) {
        for (int i = 0; i < other.len; i++) bits(8, other.buf[i]);
        bits(other.accBits, other.acc);
    }

    void reset() {
        len = 0;
        acc = 0;
        accBits = 0;
    }
}
