package org.aubert.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ArpaWriterTest {

    /** A two-word unigram model, to see the exact text of the file and its number format. */
    @Test
    void writesTheArpaLayoutWithThirteenDecimals() throws Exception {
        NgramModel m = new NgramModel(List.of("<unk>", "<s>", "</s>", "caf\u00e9", "x"), 3,
                new long[][]{{0, 1, 2, 3, 4}, {(1L << 3) | 3, (3L << 3) | 2}}, new int[][]{{0, 1, 2, 3, 4}, {0, 1}},
                // 13 decimals: -0.30102999566398120 gives -0.301029995664; -12.000000000000049 (x 1e13 rounds up) -12.0000000000001
                new double[][]{{-1.5, 0, -0.30102999566398120, -12.000000000000049, -123456.5}, {-0.00001, -7}},
                new double[][]{{0, -0.25, 0, 1e-15, -2.5e-14}, {0, 0}}, List.of(Discount.FALLBACK, Discount.FALLBACK));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArpaWriter.write(m, out);
        assertEquals("\\data\\\nngram 1=5\nngram 2=2\n\n\\1-grams:\n-1.5\t<unk>\t0\n0\t<s>\t-0.25\n-0.301029995664\t</s>\t0\n"
                + "-12.0000000000001\tcaf\u00e9\t0\n-123456.5\tx\t0\n\n\\2-grams:\n-0.00001\t<s> caf\u00e9\n-7\tcaf\u00e9 </s>\n\n\\end\\\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
