package org.aubert.data.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately plain second implementation of interpolated modified Kneser-Ney for the tests: n-grams as
 * strings in hash maps, continuation counts from sets of left neighbours, the formulas written out once more.
 */
final class ReferenceKneserNey {
    final Map<String, Double> prob = new HashMap<>();
    final Map<String, Double> backoff = new HashMap<>();

    ReferenceKneserNey(List<List<String>> sentences, int order, int minCount) {
        List<Map<List<String>, Integer>> raw = new ArrayList<>();
        for (int k = 0; k <= order; k++) raw.add(new HashMap<>());
        Set<String> vocab = new HashSet<>(List.of("<unk>", "</s>"));
        for (List<String> s : sentences) {
            List<String> t = new ArrayList<>();
            t.add("<s>");
            t.addAll(s);
            t.add("</s>");
            vocab.addAll(s);
            for (int k = 1; k <= order; k++) {
                for (int j = 0; j + k <= t.size(); j++) {
                    List<String> g = List.copyOf(t.subList(j, j + k));
                    if (k == 1 && g.get(0).equals("<s>")) continue;
                    raw.get(k).merge(g, 1, Integer::sum);
                }
            }
        }
        List<Map<List<String>, Integer>> adj = new ArrayList<>();
        for (int k = 0; k <= order; k++) adj.add(new HashMap<>());
        adj.set(order, raw.get(order));
        for (int k = order - 1; k >= 1; k--) {
            Map<List<String>, Set<String>> left = new HashMap<>();
            for (List<String> g : raw.get(k + 1).keySet()) left.computeIfAbsent(g.subList(1, g.size()), x -> new HashSet<>()).add(g.get(0));
            for (Map.Entry<List<String>, Integer> e : raw.get(k).entrySet()) {
                int a = e.getKey().get(0).equals("<s>") ? e.getValue() : left.get(e.getKey()).size();
                adj.get(k).put(e.getKey(), a);
            }
        }
        double[][] d = new double[order + 1][];
        for (int k = 1; k <= order; k++) {
            long[] n = new long[5];
            for (int a : adj.get(k).values()) if (a <= 4) n[a]++;
            if (k == 1) n[0] = 0;
            Discount disc = Discount.estimate(n);
            d[k] = new double[]{0, disc.d1(), disc.d2(), disc.d3()};
        }
        double total = 0;
        double mass = 0;
        for (int a : adj.get(1).values()) {
            total += a;
            mass += d[1][Math.min(a, 3)];
        }
        double gamma = mass / total;
        for (String w : vocab) {
            int a = adj.get(1).getOrDefault(List.of(w), 0);
            prob.put(w, (a - d[1][Math.min(a, 3)]) / total + gamma / vocab.size());
        }
        for (int k = 2; k <= order; k++) {
            Map<List<String>, List<List<String>>> byContext = new HashMap<>();
            for (List<String> g : adj.get(k).keySet()) byContext.computeIfAbsent(g.subList(0, k - 1), x -> new ArrayList<>()).add(g);
            for (Map.Entry<List<String>, List<List<String>>> e : byContext.entrySet()) {
                double sum = 0;
                double g = 0;
                for (List<String> gram : e.getValue()) {
                    int a = adj.get(k).get(gram);
                    sum += a;
                    g += raw.get(k).get(gram) >= minCount ? d[k][Math.min(a, 3)] : a;
                }
                g /= sum;
                backoff.put(String.join(" ", e.getKey()), g);
                for (List<String> gram : e.getValue()) {
                    if (raw.get(k).get(gram) < minCount) continue;
                    int a = adj.get(k).get(gram);
                    double lower = prob.get(String.join(" ", gram.subList(1, k)));
                    prob.put(String.join(" ", gram), (a - d[k][Math.min(a, 3)]) / sum + g * lower);
                }
            }
        }
    }
}
