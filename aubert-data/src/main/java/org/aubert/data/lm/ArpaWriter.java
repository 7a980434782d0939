package org.aubert.data.lm;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.aubert.core.io.AtomicFiles;

/**
 * Writes an {@link NgramModel} as a standard ARPA file: the {@code \data\} header with the n-gram count per order,
 * then per order {@code \k-grams:} lines {@code log10(p) TAB w1 ... wk [TAB log10(back-off)]} (the back-off column
 * on every order below the highest, 0 where the n-gram is no context), then {@code \end\}. Log10 values are
 * written with 13 decimals (trailing zeros dropped, no exponent notation), so a probability read back from the file
 * is within 1.2e-13 (relative) of the estimate. The file appears atomically (temp file, then rename).
 */
public final class ArpaWriter {

    private ArpaWriter() {}

    public static void write(NgramModel model, Path target) throws IOException {
        AtomicFiles.write(target, out -> write(model, out));
    }

    public static void write(NgramModel model, OutputStream out) throws IOException {
        int order = model.order();
        List<String> vocab = model.vocabulary();
        byte[][] words = new byte[vocab.size()][];
        for (int i = 0; i < words.length; i++) words[i] = vocab.get(i).getBytes(StandardCharsets.UTF_8);
        Bytes b = new Bytes(out);
        b.ascii("\\data\\\n");
        for (int k = 1; k <= order; k++) b.ascii("ngram " + k + "=" + model.count(k) + "\n");
        for (int k = 1; k <= order; k++) {
            b.ascii("\n\\" + k + "-grams:\n");
            double[] p = model.log10Prob()[k - 1];
            double[] bo = model.log10Backoff()[k - 1];
            int count = model.count(k);
            for (int i = 0; i < count; i++) {
                b.decimal(p[i]);
                b.put((byte) '\t');
                int[] ids = model.words(k, i);
                for (int q = 0; q < k; q++) {
                    if (q > 0) b.put((byte) ' ');
                    b.put(words[ids[q]]);
                }
                if (k < order) {
                    b.put((byte) '\t');
                    b.decimal(bo[i]);
                }
                b.put((byte) '\n');
            }
        }
        b.ascii("\n\\end\\\n");
        b.flush();
    }

    /** A byte buffer in front of the stream (the words are UTF-8 once, the numbers ASCII). */
    private static final class Bytes {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int n;

        Bytes(OutputStream out) { this.out = out; }

        void put(byte c) throws IOException {
            if (n == buf.length) flush();
            buf[n++] = c;
        }

        void put(byte[] bytes) throws IOException {
            if (n + bytes.length > buf.length) flush();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
            System.arraycopy(bytes, 0, buf, n, bytes.length);
            n += bytes.length;
        }

        void ascii(String s) throws IOException {
            if (n + s.length() > buf.length) flush();
            if (s.length() > buf.length) {
                out.write(s.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            for (int i = 0; i < s.length(); i++) buf[n++] = (byte) s.charAt(i);
        }

        /** {@code x} rounded to {@link #DECIMALS} decimals, trailing zeros dropped. */
        void decimal(double x) throws IOException {
            double a = Math.abs(x);
            if (!(a < 1e5)) {
                ascii(number(x));
                return;
            }
            long v = Math.round(a * SCALE);
            if (v == 0) {
                put((byte) '0');
                return;
            }
            if (n + 32 > buf.length) flush();
            if (x < 0) buf[n++] = '-';
            long ip = v / SCALE;
            long fp = v % SCALE;
            n = digits(ip, 1);
            if (fp != 0) {
                int d = DECIMALS;
                while (fp % 10 == 0) {
                    fp /= 10;
                    d--;
                }
                buf[n++] = '.';
                n = digits(fp, d);
            }
        }

        /** Writes {@code v} with at least {@code width} digits (zero-padded) at {@code n}; returns the new end. */
        private int digits(long v, int width) {
            int len = 1;
            for (long t = v / 10; t > 0; t /= 10) len++;
            len = Math.max(width, len);
            for (int i = n + len - 1; i >= n; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return n + len;
        }

        void flush() throws IOException {
            out.write(buf, 0, n);
            n = 0;
            out.flush();
        }
    }

    /** Decimals written for log10 values: the error in a probability is below 1.2e-13 relative. */
    static final int DECIMALS = 13;
    static final long SCALE = 10_000_000_000_000L;

    /** The shortest decimal that reads back as {@code x}, without exponent notation. */
    static String number(double x) {
        if (x == 0) return "0";
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e7) return Double.toString(x);
        return new BigDecimal(Double.toString(x)).toPlainString();
    }
}
