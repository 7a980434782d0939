package org.aubert.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The activation functions our encoders implement, under the names HuggingFace configs use. */
public enum Activation {
    /** Exact {@code 0.5·x·(1+erf(x/√2))} (HF {@code "gelu"}). */
    GELU("gelu"),
    /** Tanh approximation (HF {@code "gelu_new"}, {@code "gelu_pytorch_tanh"}). */
    GELU_TANH("gelu_new", "gelu_pytorch_tanh", "gelu_fast"),
    RELU("relu"),
    /** {@code x·sigmoid(x)} (HF {@code "silu"} / {@code "swish"}). */
    SILU("silu", "swish"),
    TANH("tanh");

    private final String[] hfNames;

    Activation(String... hfNames) { this.hfNames = hfNames; }

    /** The canonical HuggingFace name (used when writing config.json). */
    public String hfName() { return hfNames[0]; }

    /** Parses a HuggingFace {@code hidden_act}; throws naming the supported ones when unknown. */
    public static Activation fromHf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            for (String h : a.hfNames) if (h.equals(n)) return a;
        }
        throw new IllegalArgumentException("unsupported activation '" + name + "' (supported: "
                + Arrays.stream(values()).flatMap(a -> Arrays.stream(a.hfNames)).collect(Collectors.joining(", ")) + ")");
    }
}
