package org.aubert.core.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A compact 16-bit FLAC encoder: fixed blocks of 4096 samples, independent channels, and per channel the
 * cheapest of a CONSTANT subframe, a FIXED predictor of order 0..4 with partitioned Rice residuals, or VERBATIM.
 *
 * <p>Why our own: JFLAC ships no usable encoder, and the Java FLAC encoders on Maven Central are unmaintained.
 * This subset of the format (no LPC, no stereo decorrelation) compresses speech somewhat worse than libFLAC
 * but is small enough to verify completely; its output is checked against JFLAC in the tests and was
 * checked with the reference {@code flac -t}. STREAMINFO carries the MD5 of the samples; the frame size
 * fields are 0 ("unknown"), which the format allows, so that frames can be streamed straight to the file.
 */
final class FlacEncoder {
    static final int BLOCK_SIZE = 4096;
    private static final int BITS = 16;
    private static final int MAX_ORDER = 4;
    private static final int MAX_PARTITION_ORDER = 8; // the FLAC "subset" limit
    private static final int MAX_RICE = 14;           // 4-bit parameters; 15 is the escape code

    private final BitWriter frame = new BitWriter();
    private final BitWriter scratch = new BitWriter();
    private final int[] residual = new int[BLOCK_SIZE];
    private final long[] sums = new long[1 << MAX_PARTITION_ORDER];

    /** Writes a complete FLAC stream of 16-bit samples, one array per channel. */
    static void encode(short[][] channels, int sampleRate, OutputStream out) throws IOException {
        if (channels.length < 1 || channels.length > 8) throw new IllegalArgumentException("FLAC holds 1 to 8 channels, got " + channels.length);
        if (sampleRate <= 0 || sampleRate >= 1 << 20) throw new IllegalArgumentException("FLAC cannot store sample rate " + sampleRate);
        new FlacEncoder().write(channels, sampleRate, out);
    }

    private void write(short[][] ch, int rate, OutputStream out) throws IOException {
        int n = ch[0].length;
        writeStreamInfo(out, rate, ch.length, n, md5(ch));
        long frameNumber = 0;
        for (int start = 0; start < n; start += BLOCK_SIZE, frameNumber++) {
            int bs = Math.min(BLOCK_SIZE, n - start);
            frame.reset();
            writeFrameHeader(frameNumber, bs, rate, ch.length);
            for (short[] x : ch) writeSubframe(x, start, bs);
            frame.alignToByte();
            frame.bits(16, Crc.crc16(frame.array(), 0, frame.byteLength()));
            out.write(frame.array(), 0, frame.byteLength());
        }
    }

    private static void writeStreamInfo(OutputStream out, int rate, int nch, long total, byte[] md5) throws IOException {
        BitWriter w = new BitWriter();
        w.bits(32, 0x664C6143);          // "fLaC"
        w.bits(1, 1);                    // last metadata block
        w.bits(7, 0);                    // STREAMINFO
        w.bits(24, 34);
        w.bits(16, BLOCK_SIZE);          // min block size (the last block may be shorter)
        w.bits(16, BLOCK_SIZE);          // max block size
        w.bits(24, 0);                   // min frame size: unknown
        w.bits(24, 0);                   // max frame size: unknown
        w.bits(20, rate);
        w.bits(3, nch - 1);
        w.bits(5, BITS - 1);
        w.bits(4, total >>> 32);
        w.bits(32, total);
        for (byte b : md5) w.bits(8, b);
        out.write(w.array(), 0, w.byteLength());
    }

    private void writeFrameHeader(long frameNumber, int bs, int rate, int nch) {
        frame.bits(15, 0x7FFC);          // 14-bit sync code and a reserved zero
        frame.bits(1, 0);                // fixed block size: the header carries the frame number
        int bsCode = bs == BLOCK_SIZE ? 12 : bs <= 256 ? 6 : 7;
        frame.bits(4, bsCode);
        int rateCode = rateCode(rate);
        frame.bits(4, rateCode);
        frame.bits(4, nch - 1);          // independent channels
        frame.bits(3, 4);                // 16 bits per sample
        frame.bits(1, 0);
        writeUtf8(frameNumber);
        if (bsCode == 6) frame.bits(8, bs - 1);
        if (bsCode == 7) frame.bits(16, bs - 1);
        if (rateCode == 12) frame.bits(8, rate / 1000);
        if (rateCode == 13) frame.bits(16, rate);
        if (rateCode == 14) frame.bits(16, rate / 10);
        frame.bits(8, Crc.crc8(frame.array(), 0, frame.byteLength()));
    }

    /** The frame header code for a sample rate; 0 ("see STREAMINFO") when none fits. */
    private static int rateCode(int rate) {
        return switch (rate) {
            case 88200 -> 1; case 176400 -> 2; case 192000 -> 3; case 8000 -> 4; case 16000 -> 5;
            case 22050 -> 6; case 24000 -> 7; case 32000 -> 8; case 44100 -> 9; case 48000 -> 10; case 96000 -> 11;
            default -> rate % 1000 == 0 && rate / 1000 <= 255 ? 12
                    : rate <= 65535 ? 13
                    : rate % 10 == 0 && rate / 10 <= 65535 ? 14 : 0;
        };
    }

    /** The frame number in FLAC's extended UTF-8 coding (up to 6 bytes for 31 bits). */
    private void writeUtf8(long v) {
        if (v < 0x80) {
            frame.bits(8, v);
            return;
        }
        int bytes = v < 0x800 ? 2 : v < 0x10000 ? 3 : v < 0x200000 ? 4 : v < 0x4000000 ? 5 : 6;
        frame.bits(8, ((0xFF << (8 - bytes)) & 0xFF) | (v >>> (6 * (bytes - 1))));
        for (int i = bytes - 2; i >= 0; i--) frame.bits(8, 0x80 | ((v >>> (6 * i)) & 0x3F));
    }

    private void writeSubframe(short[] x, int off, int n) {
        boolean constant = true;
        for (int i = 1; i < n && constant; i++) constant = x[off + i] == x[off];
        if (constant) {
            frame.bits(8, 0);            // zero pad bit, type CONSTANT, no wasted bits
            frame.bits(BITS, x[off]);
            return;
        }
        int bestOrder = 0;
        int bestPartitionOrder = 0;
        long bestCost = Long.MAX_VALUE;
        for (int order = 0; order <= Math.min(MAX_ORDER, n - 1); order++) {
            computeResidual(x, off, n, order);
            int pmax = maxPartitionOrder(n, order);
            partitionSums(n, order, pmax);
            for (int p = pmax; p >= 0; p--) {
                long cost = (long) order * BITS + 6;
                for (int j = 0; j < 1 << p; j++) cost += 4 + riceCost(partitionCount(n, order, p, j), sums[j]);
                if (cost < bestCost) {
                    bestCost = cost;
                    bestOrder = order;
                    bestPartitionOrder = p;
                }
                if (p > 0) for (int j = 0; j < 1 << (p - 1); j++) sums[j] = sums[2 * j] + sums[2 * j + 1];
            }
        }
        scratch.reset();
        writeFixed(x, off, n, bestOrder, bestPartitionOrder);
        long verbatimBits = 8 + (long) BITS * n;
        if (scratch.bitLength() < verbatimBits) {
            frame.append(scratch);
        } else {
            frame.bits(8, 1 << 1);       // type VERBATIM: incompressible (e.g. full-scale noise)
            for (int i = 0; i < n; i++) frame.bits(BITS, x[off + i]);
        }
    }

    private void writeFixed(short[] x, int off, int n, int order, int p) {
        computeResidual(x, off, n, order);
        partitionSums(n, order, p);
        scratch.bits(8, (8 | order) << 1); // type FIXED of this order
        for (int i = 0; i < order; i++) scratch.bits(BITS, x[off + i]);
        scratch.bits(2, 0);                // partitioned Rice, 4-bit parameters
        scratch.bits(4, p);
        int r = 0;
        for (int j = 0; j < 1 << p; j++) {
            int count = partitionCount(n, order, p, j);
            int k = bestRice(count, sums[j]);
            scratch.bits(4, k);
            for (int i = 0; i < count; i++) scratch.rice(k, residual[r++]);
        }
    }

    /** Residual of the fixed polynomial predictor of the given order, for samples order..n-1. */
    private void computeResidual(short[] x, int off, int n, int order) {
        for (int i = order; i < n; i++) {
            int a = off + i;
            residual[i - order] = switch (order) {
                case 0 -> x[a];
                case 1 -> x[a] - x[a - 1];
                case 2 -> x[a] - 2 * x[a - 1] + x[a - 2];
                case 3 -> x[a] - 3 * x[a - 1] + 3 * x[a - 2] - x[a - 3];
                default -> x[a] - 4 * x[a - 1] + 6 * x[a - 2] - 4 * x[a - 3] + x[a - 4];
            };
        }
    }

    /** The largest partition order that divides the block evenly and leaves room for the warm-up samples. */
    private static int maxPartitionOrder(int n, int order) {
        int p = 0;
        while (p < MAX_PARTITION_ORDER && n % (1 << (p + 1)) == 0 && (n >> (p + 1)) > order) p++;
        return p;
    }

    /** Residuals in partition j: the first partition loses the warm-up samples. */
    private static int partitionCount(int n, int order, int p, int j) {
        return (n >> p) - (j == 0 ? order : 0);
    }

    /** Sum of zigzag-coded residuals per partition at partition order p. */
    private void partitionSums(int n, int order, int p) {
        int r = 0;
        for (int j = 0; j < 1 << p; j++) {
            long s = 0;
            for (int i = partitionCount(n, order, p, j); i > 0; i--, r++) {
                int v = residual[r];
                s += (v << 1) ^ (v >> 31);
            }
            sums[j] = s;
        }
    }

    /** Estimated bits of a partition for its best parameter (exact up to the rounding of the quotients). */
    private static long riceCost(int count, long sum) {
        int k = bestRice(count, sum);
        return (long) count * (k + 1) + (sum >> k);
    }

    private static int bestRice(int count, long sum) {
        int best = 0;
        long bestCost = Long.MAX_VALUE;
        for (int k = 0; k <= MAX_RICE; k++) {
            long c = (long) count * (k + 1) + (sum >> k);
            if (c < bestCost) {
                bestCost = c;
                best = k;
            }
        }
        return best;
    }

    /** MD5 of the samples as interleaved little-endian int16, as STREAMINFO defines it. */
    private static byte[] md5(short[][] ch) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
        int n = ch[0].length;
        byte[] buf = new byte[BLOCK_SIZE * ch.length * 2];
        for (int start = 0; start < n; start += BLOCK_SIZE) {
            int bs = Math.min(BLOCK_SIZE, n - start);
            int p = 0;
            for (int i = start; i < start + bs; i++) {
                for (short[] x : ch) {
                    buf[p++] = (byte) x[i];
                    buf[p++] = (byte) (x[i] >> 8);
                }
            }
            md.update(buf, 0, p);
        }
        return md.digest();
    }
}
