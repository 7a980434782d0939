package org.aubert.core.tokenize;

/** HF's "longest_first" truncation (what {@code truncation=True} means), dropping tokens from the right. */
final class Truncation {

    private Truncation() {}

    /**
     * Cuts {@code a} (and {@code b}, which may be null) so that they plus {@code added} special tokens
     * fit in {@code maxLength}. Only the longer one is cut if that is enough; otherwise each gets half
     * of the budget, the odd token going to the longer one, as the Rust library does.
     */
    static void longestFirst(TokenSequence a, TokenSequence b, int added, int maxLength) {
        int budget = maxLength - added;
        if (budget < 0) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for the " + added + " special tokens");
        }
        if (b == null) {
            a.truncate(budget);
            return;
        }
        int n1 = a.size();
        int n2 = b.size();
        if (n1 + n2 <= budget) return;
        boolean swap = n1 > n2;
        int shorter = Math.min(n1, n2);
        int longer;
        if (shorter > budget) {
            longer = shorter;
        } else {
            longer = Math.max(shorter, budget - shorter);
        }
        if (shorter + longer > budget) {
            shorter = budget / 2;
            longer = shorter + budget % 2;
        }
        a.truncate(swap ? longer : shorter);
        b.truncate(swap ? shorter : longer);
    }
}
