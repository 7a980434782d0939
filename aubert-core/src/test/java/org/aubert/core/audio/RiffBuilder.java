package org.aubert.core.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RIFF/WAVE bytes chunk by chunk, so tests can make well-formed and deliberately broken files. */
final class RiffBuilder {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A chunk with its true size, padded to even length as RIFF requires. */
    RiffBuilder chunk(String id, byte[] data) {
        return chunk(id, data, data.length);
    }

    /** A chunk whose size field says {@code declaredSize}, which may lie. */
    RiffBuilder chunk(String id, byte[] data, long declaredSize) {
        body.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(le().putInt((int) declaredSize).array());
        body.writeBytes(data);
        if ((data.length & 1) != 0) body.write(0);
        return this;
    }

    /** A plain "fmt " chunk (16 bytes, or 18 with cbSize for non-PCM tags). */
    RiffBuilder fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(tag == 1 ? 16 : 18).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    /** A WAVE_FORMAT_EXTENSIBLE "fmt " chunk whose sub-format is the given plain tag. */
    RiffBuilder fmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits) {
        int blockAlign = channels * containerBits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) containerBits).putShort((short) 22)
                .putShort((short) validBits).putInt(channels == 1 ? 4 : 3).putShort((short) subTag)
                .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    byte[] build() {
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(12 + b.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + b.length).put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(b);
        return out.array();
    }

    static ByteBuffer le() {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] int16(short... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : v) b.putShort(s);
        return b.array();
    }

    static byte[] int24(int... v) {
        byte[] b = new byte[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[3 * i] = (byte) v[i];
            b[3 * i + 1] = (byte) (v[i] >> 8);
            b[3 * i + 2] = (byte) (v[i] >> 16);
        }
        return b;
    }

    static byte[] int32(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : v) b.putInt(s);
        return b.array();
    }

    static byte[] float32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : v) b.putFloat(s);
        return b.array();
    }

    static byte[] float64(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double s : v) b.putDouble(s);
        return b.array();
    }
}
