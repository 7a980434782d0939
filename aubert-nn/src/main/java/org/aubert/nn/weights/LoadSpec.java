package org.aubert.nn.weights;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a HuggingFace checkpoint's keys map onto a graph's parameter names.
 *
 * @param prefixes  base-model prefixes a checkpoint may carry ({@code "bert."}, {@code "hubert."}); keys
 *                  outside the prefix (heads such as {@code lm_head.}) are matched as they are
 * @param aliases   suffix renames applied to checkpoint keys ({@code ".gamma" -> ".weight"})
 * @param ignored   checkpoint keys that may be present and are not used (buffers, training-only tensors)
 */
public record LoadSpec(List<String> prefixes, Map<String, String> aliases, List<Pattern> ignored) {

    /** Renames every HuggingFace / PyTorch version writes for the same tensor. */
    public static final Map<String, String> COMMON_ALIASES = Map.of(
            ".gamma", ".weight",
            ".beta", ".bias",
            ".parametrizations.weight.original0", ".weight_g",
            ".parametrizations.weight.original1", ".weight_v");

    public LoadSpec {
        prefixes = List.copyOf(prefixes);
        aliases = Map.copyOf(aliases);
        ignored = List.copyOf(ignored);
    }

    public static LoadSpec of(List<String> prefixes, String... ignoredRegexes) {
        return new LoadSpec(prefixes, COMMON_ALIASES, java.util.Arrays.stream(ignoredRegexes).map(Pattern::compile).toList());
    }

    boolean isIgnored(String key) {
        for (Pattern p : ignored) if (p.matcher(key).matches()) return true;
        return false;
    }

    String applyAliases(String key) {
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (key.endsWith(a.getKey())) return key.substring(0, key.length() - a.getKey().length()) + a.getValue();
        }
        return key;
    }
}
