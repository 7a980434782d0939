package org.aubert.data.lm;

/**
 * The three modified Kneser-Ney discounts of one order (Chen and Goodman 1998, eq. 26): D1 for n-grams of adjusted
 * count 1, D2 for count 2, D3+ for counts of 3 and more, from the count-of-counts n1..n4 of that order:
 * {@code Y = n1 / (n1 + 2 n2)}, {@code D1 = 1 - 2 Y n2/n1}, {@code D2 = 2 - 3 Y n3/n2}, {@code D3+ = 3 - 4 Y n4/n3}.
 *
 * <p>When n1, n2 or n3 is zero, or a discount falls outside {@code [0, j]} (tiny or artificial text), the estimate is
 * undefined; like KenLM's {@code lmplz --discount_fallback} the order then uses 0.5, 1.0, 1.5 and {@link #fallback()}
 * is true.
 */
public record Discount(double d1, double d2, double d3, boolean fallback) {
    public static final Discount FALLBACK = new Discount(0.5, 1.0, 1.5, true);

    /** The discount subtracted from an adjusted count (0 for a count of 0). */
    public double of(long count) {
        if (count <= 0) return 0;
        if (count == 1) return d1;
        if (count == 2) return d2;
        return d3;
    }

    /** Chen and Goodman's estimate from {@code n[1..4]} (n[0] is ignored). */
    public static Discount estimate(long[] n) {
        if (n[1] == 0 || n[2] == 0 || n[3] == 0) return FALLBACK;
        double y = n[1] / (n[1] + 2.0 * n[2]);
        double[] d = new double[4];
        for (int j = 1; j <= 3; j++) {
            d[j] = j - (j + 1) * y * n[j + 1] / (double) n[j];
            if (!(d[j] >= 0 && d[j] <= j)) return FALLBACK;
        }
        return new Discount(d[1], d[2], d[3], false);
    }
}
