package org.aubert.core.audio;

/** The two checksums of a FLAC frame: CRC-8 (poly 0x07) over the header, CRC-16 (poly 0x8005) over the frame. */
final class Crc {
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int b = 0; b < 8; b++) {
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
            }
            CRC8[i] = c8 & 0xFF;
            CRC16[i] = c16 & 0xFFFF;
        }
    }

    private Crc() {}

    static int crc8(byte[] b, int off, int len) {
        int c = 0;
        for (int i = off; i < off + len; i++) c = CRC8[(c ^ b[i]) & 0xFF];
        return c;
    }

    static int crc16(byte[] b, int off, int len) {
        int c = 0;
        for (int i = off; i < off + len; i++) c = ((c << 8) ^ CRC16[((c >>> 8) ^ b[i]) & 0xFF]) & 0xFFFF;
        return c;
    }
}
