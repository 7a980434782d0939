package org.aubert.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * HuggingFace {@code BertConfig} fields we use, with HF's defaults for absent fields.
 * Decoder / cross-attention variants and relative position embeddings are refused.
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        Activation hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double initializerRange,
        double layerNormEps,
        int padTokenId) {

    public BertConfig {
        check(vocabSize > 0, "vocab_size", "must be positive");
        check(hiddenSize > 0, "hidden_size", "must be positive");
        check(numHiddenLayers >= 0, "num_hidden_layers", "must not be negative");
        check(numAttentionHeads > 0 && hiddenSize % numAttentionHeads == 0, "num_attention_heads",
                "(" + numAttentionHeads + ") must divide hidden_size (" + hiddenSize + ")");
        check(intermediateSize > 0, "intermediate_size", "must be positive");
        check(maxPositionEmbeddings > 0, "max_position_embeddings", "must be positive");
        check(typeVocabSize > 0, "type_vocab_size", "must be positive");
        check(layerNormEps > 0, "layer_norm_eps", "must be positive");
        checkProb(hiddenDropoutProb, "hidden_dropout_prob");
        checkProb(attentionProbsDropoutProb, "attention_probs_dropout_prob");
    }

    public int headDim() { return hiddenSize / numAttentionHeads; }

    /** Reads {@code config.json} from a model folder (or the file itself). */
    public static BertConfig load(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("config.json") : dirOrFile;
        return from(ConfigJson.read(file));
    }

    static BertConfig from(ConfigJson c) {
        String type = c.getString("model_type", "bert");
        c.require(type.equals("bert"), "model_type", "is '" + type + "', expected 'bert'");
        String pos = c.getString("position_embedding_type", "absolute");
        c.require(pos.equals("absolute"), "position_embedding_type", "'" + pos + "' is not supported (only 'absolute')");
        c.require(!c.getBool("is_decoder", false), "is_decoder", "true is not supported (encoder only)");
        c.require(!c.getBool("add_cross_attention", false), "add_cross_attention", "true is not supported");
        Activation act;
        try {
            act = Activation.fromHf(c.getString("hidden_act", "gelu"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.source() + ": hidden_act: " + e.getMessage());
        }
        try {
            return new BertConfig(
                    c.getInt("vocab_size", 30522),
                    c.getInt("hidden_size", 768),
                    c.getInt("num_hidden_layers", 12),
                    c.getInt("num_attention_heads", 12),
                    c.getInt("intermediate_size", 3072),
                    act,
                    c.getDouble("hidden_dropout_prob", 0.1),
                    c.getDouble("attention_probs_dropout_prob", 0.1),
                    c.getInt("max_position_embeddings", 512),
                    c.getInt("type_vocab_size", 2),
                    c.getDouble("initializer_range", 0.02),
                    c.getDouble("layer_norm_eps", 1e-12),
                    c.getInt("pad_token_id", 0));
        } catch (ConfigException e) {
            throw c.withSource(e);
        }
    }

    /**
     * Reads a config from a JSON object already parsed (e.g. nested in another config file); unknown HF fields
     * are ignored as in {@link #load}. {@code source} names the object in error messages.
     */
    public static BertConfig fromJson(String source, JsonNode node) {
        if (node == null || !node.isObject()) throw new ConfigException(source + ": not a JSON object");
        return from(ConfigJson.of(source, node));
    }

    /** Writes an HF-compatible {@code config.json} atomically. */
    public void save(Path file, String architecture) throws IOException {
        ConfigJson.write(file, toJson(architecture));
    }

    /** The HF {@code config.json} content as a JSON object. */
    public ObjectNode toJson(String architecture) {
        ObjectNode n = ConfigJson.header(architecture, "bert", vocabSize, hiddenSize, numHiddenLayers,
                numAttentionHeads, intermediateSize, hiddenAct);
        n.put("hidden_dropout_prob", hiddenDropoutProb);
        n.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
        n.put("max_position_embeddings", maxPositionEmbeddings);
        n.put("type_vocab_size", typeVocabSize);
        n.put("initializer_range", initializerRange);
        n.put("layer_norm_eps", layerNormEps);
        n.put("pad_token_id", padTokenId);
        n.put("position_embedding_type", "absolute");
        return n;
    }

    private static void check(boolean ok, String key, String what) {
        if (!ok) throw new ConfigException(key + " " + what);
    }

    static void checkProb(double p, String key) {
        if (!(p >= 0 && p < 1)) throw new ConfigException(key + " must be in [0, 1), got " + p);
    }
}
