package org.aubert.data.lm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.aubert.core.io.AtomicFiles;

/**
 * Writes an {@link NgramModel} as a standard ARPA file: the {@code \data\} header with the n-gram count per order,
 * then per order {@code \k-grams:} lines {@code log10(p) TAB w1 ... wk [TAB log10(back-off)]} (the back-off column
 * on every order below the highest, 0 where the n-gram is no context), then {@code \end\}. Numbers are written
 * with every digit a double needs to read back exactly (no exponent notation), so sums over the file's
 * distributions are exact to rounding. The file appears atomically (temp file, then rename).
 */
public final class ArpaWriter {

    private ArpaWriter() {}

    public static void write(NgramModel model, Path target) throws IOException {
        AtomicFiles.write(target, out -> write(model, out));
    }

    public static void write(NgramModel model, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        int order = model.order();
        List<String> vocab = model.vocabulary();
        w.write("\\data\\\n");
        for (int k = 1; k <= order; k++) w.write("ngram " + k + "=" + model.count(k) + "\n");
        StringBuilder line = new StringBuilder(128);
        for (int k = 1; k <= order; k++) {
            w.write("\n\\" + k + "-grams:\n");
            long[] keys = model.keys()[k - 1];
            double[] p = model.log10Prob()[k - 1];
            double[] b = model.log10Backoff()[k - 1];
            for (int i = 0; i < keys.length; i++) {
                line.setLength(0);
                line.append(number(p[i])).append('\t');
                int[] words = model.words(keys[i], k);
                for (int q = 0; q < k; q++) {
                    if (q > 0) line.append(' ');
                    line.append(vocab.get(words[q]));
                }
                if (k < order) line.append('\t').append(number(b[i]));
                line.append('\n');
                w.append(line);
            }
        }
        w.write("\n\\end\\\n");
        w.flush();
    }

    /** The shortest decimal that reads back as {@code x}, without exponent notation. */
    static String number(double x) {
        if (x == 0) return "0";
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e7) return Double.toString(x);
        return new BigDecimal(Double.toString(x)).toPlainString();
    }
}
