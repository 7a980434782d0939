package org.aubert.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * The audio encoder configuration shared by HuggingFace {@code HubertConfig} and {@code Wav2Vec2Config}:
 * HuBERT reuses wav2vec2's architecture, so one record (with {@link #modelType()}) serves both, with
 * HF's defaults for absent fields. Adapters, batch-norm positional convs and pre-training-only
 * quantiser fields are refused or ignored.
 */
public record Wav2Vec2Config(
        ModelType modelType,
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        Activation hiddenAct,
        double hiddenDropout,
        double activationDropout,
        double attentionDropout,
        double featProjDropout,
        boolean featProjLayerNorm,
        double finalDropout,
        double layerdrop,
        double initializerRange,
        double layerNormEps,
        FeatureNorm featExtractNorm,
        Activation featExtractActivation,
        int[] convDim,
        int[] convStride,
        int[] convKernel,
        boolean convBias,
        int numConvPosEmbeddings,
        int numConvPosEmbeddingGroups,
        boolean doStableLayerNorm,
        double maskTimeProb,
        int maskTimeLength,
        int padTokenId) {

    /** HuBERT or wav2vec2: the same network, different checkpoint prefixes and a few defaults. */
    public enum ModelType {
        HUBERT("hubert"), WAV2VEC2("wav2vec2");

        private final String hfName;

        ModelType(String hfName) { this.hfName = hfName; }

        public String hfName() { return hfName; }

        /** The key prefix of the base model inside a {@code *ForCTC} checkpoint ({@code hubert.}). */
        public String checkpointPrefix() { return hfName + "."; }
    }

    /** Conv feature extractor normalisation: "group" (base models) or "layer" (large models). */
    public enum FeatureNorm { GROUP, LAYER }

    public Wav2Vec2Config {
        convDim = convDim.clone();
        convStride = convStride.clone();
        convKernel = convKernel.clone();
        if (convDim.length == 0 || convDim.length != convStride.length || convDim.length != convKernel.length) {
            throw new ConfigException("conv_dim, conv_stride and conv_kernel must have the same non-zero length, got "
                    + convDim.length + ", " + convStride.length + ", " + convKernel.length);
        }
        for (int i = 0; i < convDim.length; i++) {
            if (convDim[i] <= 0 || convStride[i] <= 0 || convKernel[i] <= 0) {
                throw new ConfigException("conv layer " + i + " has a non-positive dim/stride/kernel");
            }
        }
        if (hiddenSize <= 0 || numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new ConfigException("num_attention_heads (" + numAttentionHeads + ") must divide hidden_size (" + hiddenSize + ")");
        }
        if (numConvPosEmbeddingGroups <= 0 || hiddenSize % numConvPosEmbeddingGroups != 0) {
            throw new ConfigException("num_conv_pos_embedding_groups (" + numConvPosEmbeddingGroups
                    + ") must divide hidden_size (" + hiddenSize + ")");
        }
        if (numConvPosEmbeddings <= 0) throw new ConfigException("num_conv_pos_embeddings must be positive");
        if (intermediateSize <= 0 || numHiddenLayers < 0 || vocabSize <= 0) {
            throw new ConfigException("intermediate_size and vocab_size must be positive, num_hidden_layers not negative");
        }
        if (!(layerNormEps > 0)) throw new ConfigException("layer_norm_eps must be positive");
        BertConfig.checkProb(hiddenDropout, "hidden_dropout");
        BertConfig.checkProb(activationDropout, "activation_dropout");
        BertConfig.checkProb(attentionDropout, "attention_dropout");
        BertConfig.checkProb(featProjDropout, "feat_proj_dropout");
        BertConfig.checkProb(finalDropout, "final_dropout");
        BertConfig.checkProb(layerdrop, "layerdrop");
    }

    @Override public int[] convDim() { return convDim.clone(); }
    @Override public int[] convStride() { return convStride.clone(); }
    @Override public int[] convKernel() { return convKernel.clone(); }

    public int numFeatExtractLayers() { return convDim.length; }

    public int headDim() { return hiddenSize / numAttentionHeads; }

    /** Samples per encoder frame (320 for the standard stack, i.e. 20 ms at 16 kHz). */
    public int totalStride() {
        int s = 1;
        for (int x : convStride) s *= x;
        return s;
    }

    /** Valid frames for {@code samples} input samples: {@code floor((L - K) / S) + 1} per conv, as HF computes them. */
    public int framesForSamples(long samples) {
        long len = samples;
        for (int i = 0; i < convKernel.length; i++) {
            len = len < convKernel[i] ? 0 : (len - convKernel[i]) / convStride[i] + 1;
        }
        return (int) len;
    }

    /** Reads {@code config.json} from a model folder (or the file itself). */
    public static Wav2Vec2Config load(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("config.json") : dirOrFile;
        return from(ConfigJson.read(file));
    }

    static Wav2Vec2Config from(ConfigJson c) {
        String typeName = c.getString("model_type", null);
        c.require(typeName != null, "model_type", "is missing (expected 'hubert' or 'wav2vec2')");
        ModelType type = Arrays.stream(ModelType.values()).filter(t -> t.hfName.equals(typeName)).findFirst()
                .orElseThrow(() -> new ConfigException(c.source() + ": model_type '" + typeName
                        + "' is not supported (expected 'hubert' or 'wav2vec2')"));
        c.require(!c.getBool("add_adapter", false), "add_adapter", "true is not supported");
        c.require(!c.getBool("conv_pos_batch_norm", false), "conv_pos_batch_norm", "true is not supported");
        c.require(c.getInt("adapter_attn_dim", 0) == 0, "adapter_attn_dim", "(attention adapters) is not supported");
        String norm = c.getString("feat_extract_norm", "group");
        FeatureNorm featNorm = switch (norm) {
            case "group" -> FeatureNorm.GROUP;
            case "layer" -> FeatureNorm.LAYER;
            default -> throw new ConfigException(c.source() + ": feat_extract_norm '" + norm + "' is not 'group' or 'layer'");
        };
        int[] convDim = c.getIntArray("conv_dim", new int[]{512, 512, 512, 512, 512, 512, 512});
        int n = c.getInt("num_feat_extract_layers", convDim.length);
        c.require(n == convDim.length, "num_feat_extract_layers", "(" + n + ") differs from len(conv_dim) (" + convDim.length + ")");
        try {
            return new Wav2Vec2Config(
                    type,
                    c.getInt("vocab_size", 32),
                    c.getInt("hidden_size", 768),
                    c.getInt("num_hidden_layers", 12),
                    c.getInt("num_attention_heads", 12),
                    c.getInt("intermediate_size", 3072),
                    activation(c, "hidden_act"),
                    c.getDouble("hidden_dropout", 0.1),
                    c.getDouble("activation_dropout", 0.1),
                    c.getDouble("attention_dropout", 0.1),
                    c.getDouble("feat_proj_dropout", 0.0),
                    // wav2vec2 always normalises before the projection; only HuBERT makes it optional.
                    type == ModelType.WAV2VEC2 || c.getBool("feat_proj_layer_norm", true),
                    c.getDouble("final_dropout", 0.1),
                    c.getDouble("layerdrop", 0.1),
                    c.getDouble("initializer_range", 0.02),
                    c.getDouble("layer_norm_eps", 1e-5),
                    featNorm,
                    activation(c, "feat_extract_activation"),
                    convDim,
                    c.getIntArray("conv_stride", new int[]{5, 2, 2, 2, 2, 2, 2}),
                    c.getIntArray("conv_kernel", new int[]{10, 3, 3, 3, 3, 2, 2}),
                    c.getBool("conv_bias", false),
                    c.getInt("num_conv_pos_embeddings", 128),
                    c.getInt("num_conv_pos_embedding_groups", 16),
                    c.getBool("do_stable_layer_norm", false),
                    c.getDouble("mask_time_prob", 0.05),
                    c.getInt("mask_time_length", 10),
                    c.getInt("pad_token_id", 0));
        } catch (ConfigException e) {
            throw c.withSource(e);
        }
    }

    private static Activation activation(ConfigJson c, String key) {
        try {
            return Activation.fromHf(c.getString(key, "gelu"));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.source() + ": " + key + ": " + e.getMessage());
        }
    }

    /**
     * Reads a config from a JSON object already parsed (e.g. nested in another config file); unknown HF fields
     * are ignored as in {@link #load}. {@code source} names the object in error messages.
     */
    public static Wav2Vec2Config fromJson(String source, JsonNode node) {
        if (node == null || !node.isObject()) throw new ConfigException(source + ": not a JSON object");
        return from(ConfigJson.of(source, node));
    }

    /** Writes an HF-compatible {@code config.json} atomically. */
    public void save(Path file, String architecture) throws IOException {
        ConfigJson.write(file, toJson(architecture));
    }

    /** The HF {@code config.json} content as a JSON object. */
    public ObjectNode toJson(String architecture) {
        ObjectNode o = ConfigJson.header(architecture, modelType.hfName(), vocabSize, hiddenSize, numHiddenLayers,
                numAttentionHeads, intermediateSize, hiddenAct);
        o.put("hidden_dropout", hiddenDropout);
        o.put("activation_dropout", activationDropout);
        o.put("attention_dropout", attentionDropout);
        o.put("feat_proj_dropout", featProjDropout);
        if (modelType == ModelType.HUBERT) o.put("feat_proj_layer_norm", featProjLayerNorm);
        o.put("final_dropout", finalDropout);
        o.put("layerdrop", layerdrop);
        o.put("initializer_range", initializerRange);
        o.put("layer_norm_eps", layerNormEps);
        o.put("feat_extract_norm", featExtractNorm.name().toLowerCase(java.util.Locale.ROOT));
        o.put("feat_extract_activation", featExtractActivation.hfName());
        putInts(o.putArray("conv_dim"), convDim);
        putInts(o.putArray("conv_stride"), convStride);
        putInts(o.putArray("conv_kernel"), convKernel);
        o.put("conv_bias", convBias);
        o.put("num_feat_extract_layers", convDim.length);
        o.put("num_conv_pos_embeddings", numConvPosEmbeddings);
        o.put("num_conv_pos_embedding_groups", numConvPosEmbeddingGroups);
        o.put("do_stable_layer_norm", doStableLayerNorm);
        o.put("mask_time_prob", maskTimeProb);
        o.put("mask_time_length", maskTimeLength);
        o.put("pad_token_id", padTokenId);
        return o;
    }

    private static void putInts(ArrayNode a, int[] v) { for (int x : v) a.add(x); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wav2Vec2Config w && toString().equals(w.toString());
    }

    @Override
    public int hashCode() { return toString().hashCode(); }

    @Override
    public String toString() {
        return "Wav2Vec2Config[" + modelType + ", hidden=" + hiddenSize + ", layers=" + numHiddenLayers + ", heads="
                + numAttentionHeads + ", ffn=" + intermediateSize + ", act=" + hiddenAct + ", norm=" + featExtractNorm
                + ", conv_dim=" + Arrays.toString(convDim) + ", conv_stride=" + Arrays.toString(convStride)
                + ", conv_kernel=" + Arrays.toString(convKernel) + ", conv_bias=" + convBias + ", pos_conv="
                + numConvPosEmbeddings + "/" + numConvPosEmbeddingGroups + ", stable_ln=" + doStableLayerNorm
                + ", feat_proj_ln=" + featProjLayerNorm + ", eps=" + layerNormEps + ", vocab=" + vocabSize
                + ", dropouts=" + hiddenDropout + "/" + activationDropout + "/" + attentionDropout + "/" + featProjDropout
                + "/" + finalDropout + "/" + layerdrop + ", mask_time=" + maskTimeProb + "/" + maskTimeLength
                + ", pad=" + padTokenId + ", act_feat=" + featExtractActivation + ", init=" + initializerRange + "]";
    }
}
