package org.aubert.core.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields of a Hugging Face {@code preprocessor_config.json} that {@link FeatureExtractor} uses, with the
 * defaults of {@code Wav2Vec2FeatureExtractor} for absent ones.
 */
public record FeatureExtractorConfig(boolean doNormalize, boolean returnAttentionMask, float paddingValue, int samplingRate) {

    public static final FeatureExtractorConfig DEFAULT = new FeatureExtractorConfig(true, false, 0f, 16000);

    public FeatureExtractorConfig {
        if (samplingRate <= 0) throw new IllegalArgumentException("sampling_rate must be positive, got " + samplingRate);
    }

    /**
     * The {@code preprocessor_config.json} of a model folder, or {@link #DEFAULT} (HF's Wav2Vec2FeatureExtractor
     * defaults) when the folder has none, as HF does for checkpoints saved without one. {@code dir} may be null.
     */
    public static FeatureExtractorConfig readOrDefault(Path dir) throws IOException {
        return dir != null && Files.isRegularFile(dir.resolve("preprocessor_config.json")) ? read(dir) : DEFAULT;
    }

    /** Reads {@code preprocessor_config.json}, or that file inside a model folder. */
    public static FeatureExtractorConfig read(Path fileOrDir) throws IOException {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("preprocessor_config.json") : fileOrDir;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected a JSON object");
        String type = root.path("feature_extractor_type").asText("Wav2Vec2FeatureExtractor");
        if (!type.equals("Wav2Vec2FeatureExtractor")) {
            throw new IOException(file + ": feature_extractor_type " + type + " is not supported (only Wav2Vec2FeatureExtractor)");
        }
        String side = root.path("padding_side").asText("right");
        if (!side.equals("right")) throw new IOException(file + ": padding_side " + side + " is not supported (only right)");
        return new FeatureExtractorConfig(
                bool(root, "do_normalize", DEFAULT.doNormalize(), file),
                bool(root, "return_attention_mask", DEFAULT.returnAttentionMask(), file),
                (float) number(root, "padding_value", DEFAULT.paddingValue(), file),
                integer(root, "sampling_rate", DEFAULT.samplingRate(), file));
    }

    private static boolean bool(JsonNode root, String key, boolean dflt, Path file) throws IOException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isBoolean()) throw new IOException(file + ": " + key + " should be true or false, got " + n);
        return n.booleanValue();
    }

    private static int integer(JsonNode root, String key, int dflt, Path file) throws IOException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new IOException(file + ": " + key + " should be an integer, got " + n);
        return n.intValue();
    }

    private static double number(JsonNode root, String key, double dflt, Path file) throws IOException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber()) throw new IOException(file + ": " + key + " should be a number, got " + n);
        return n.doubleValue();
    }
}
