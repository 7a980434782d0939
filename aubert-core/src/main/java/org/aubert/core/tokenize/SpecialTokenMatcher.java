package org.aubert.core.tokenize;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Finds special tokens ("[MASK]", "[CLS]", ...) in raw text, as HF's added vocabulary does for tokens
 * with normalized=false: exact, case-sensitive matches anywhere (also inside words), leftmost-longest,
 * with no whitespace stripping around them.
 */
final class SpecialTokenMatcher {

    /** A special token's text as code points, and its id. */
    record Special(int[] codePoints, int id) {}

    private final List<Special> specials;
    private final BitSet firstCodePoints = new BitSet();

    SpecialTokenMatcher(Collection<Special> specials) {
        this.specials = new ArrayList<>(specials);
        for (Special s : specials) firstCodePoints.set(s.codePoints()[0]);
    }

    /** The special token starting at {@code text[at]}, longest first, or {@code null}. */
    Special matchAt(int[] text, int at, int end) {
        if (!firstCodePoints.get(text[at])) return null;
        Special best = null;
        for (Special s : specials) {
            int[] cps = s.codePoints();
            if (best != null && cps.length <= best.codePoints().length) continue;
            if (at + cps.length <= end && regionMatches(text, at, cps)) best = s;
        }
        return best;
    }

    private static boolean regionMatches(int[] text, int at, int[] cps) {
        for (int i = 0; i < cps.length; i++) {
            if (text[at + i] != cps[i]) return false;
        }
        return true;
    }
}
