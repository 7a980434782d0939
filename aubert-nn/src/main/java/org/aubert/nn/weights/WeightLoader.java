package org.aubert.nn.weights;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aubert.core.checkpoint.TensorInfo;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.nn.NdArrays;
import org.aubert.nn.graph.Graph;

/**
 * Loads a HuggingFace checkpoint into a {@link Graph} by parameter name and insists that the key sets
 * match, as nanoGPT's {@code from_pretrained} does: every parameter must be found with its exact shape,
 * and every checkpoint key must be used or explicitly ignored. Nothing is assigned unless all is well.
 *
 * <p>A joint model holds several encoders under scope prefixes ({@code text.}, {@code audio.}); {@link #load(Graph,
 * TensorSource, LoadSpec, String)} loads one checkpoint into the parameters under one such prefix only, with the
 * same strictness over that subset.
 */
public final class WeightLoader {
    private WeightLoader() {}

    /** What was loaded: the prefix the checkpoint used and the keys that were ignored. */
    public record Report(String prefix, int loaded, List<String> ignored) {}

    /** Loads every parameter of {@code graph} from {@code source}. */
    public static Report load(Graph graph, TensorSource source, LoadSpec spec) throws IOException {
        return load(graph, source, spec, "");
    }

    /**
     * Loads the parameters whose names start with {@code target} (e.g. {@code "audio."}) from {@code source}, whose
     * keys name them without that prefix; the key-set check covers exactly those parameters, and the others are
     * left as they are. An empty {@code target} means every parameter.
     */
    public static Report load(Graph graph, TensorSource source, LoadSpec spec, String target) throws IOException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String n : graph.parameterNames()) if (n.startsWith(target)) wanted.add(n.substring(target.length()));
        if (wanted.isEmpty()) throw new IllegalArgumentException("the graph has no parameter under '" + target + "'");
        String prefix = choosePrefix(wanted, source, spec);
        Map<String, String> graphToKey = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (String key : source.names()) {
            String local = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
            String name = spec.applyAliases(local);
            if (!wanted.contains(name) || graphToKey.containsKey(name)) {
                if (spec.isIgnored(local) || spec.isIgnored(name)) ignored.add(key);
                else unexpected.add(key);
                continue;
            }
            TensorInfo info = source.info(key);
            long[] expected = graph.parameterShape(target + name);
            if (!Arrays.equals(expected, info.shape())) {
                misShaped.add(key + " " + Arrays.toString(info.shape()) + " (model expects " + Arrays.toString(expected) + ")");
            } else if (!info.dtype().isFloating()) {
                misShaped.add(key + " has dtype " + info.dtype() + " (model expects floating point)");
            }
            graphToKey.put(name, key);
        }
        List<String> missing = new ArrayList<>();
        for (String name : wanted) if (!graphToKey.containsKey(name)) missing.add(prefix + name);
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            StringBuilder m = new StringBuilder(source.description()).append(": checkpoint does not fit the model");
            if (!target.isEmpty()) m.append(" part '").append(target).append("'");
            if (!missing.isEmpty()) m.append("; missing keys: ").append(missing);
            if (!unexpected.isEmpty()) m.append("; unexpected keys: ").append(unexpected);
            if (!misShaped.isEmpty()) m.append("; mis-shaped keys: ").append(misShaped);
            throw new WeightLoadException(m.toString());
        }
        for (Map.Entry<String, String> e : graphToKey.entrySet()) {
            graph.setParameter(target + e.getKey(), NdArrays.toArray(source.get(e.getValue()), graph.dtype()));
        }
        return new Report(prefix, graphToKey.size(), ignored);
    }

    /** The candidate prefix under which the most parameters are found ("" included). */
    private static String choosePrefix(Set<String> wanted, TensorSource source, LoadSpec spec) {
        String best = "";
        long bestHits = count(wanted, source, "", spec);
        for (String p : spec.prefixes()) {
            long hits = count(wanted, source, p, spec);
            if (hits > bestHits) {
                best = p;
                bestHits = hits;
            }
        }
        return best;
    }

    private static long count(Set<String> wanted, TensorSource source, String prefix, LoadSpec spec) {
        return source.names().stream().filter(k -> k.startsWith(prefix))
                .map(k -> spec.applyAliases(k.substring(prefix.length()))).filter(wanted::contains).count();
    }
}
