package org.aubert.nn.aubert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.config.BertConfig;
import org.aubert.core.config.ConfigException;
import org.aubert.core.config.ConfigJson;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.io.AtomicFiles;

/**
 * The whole AuBERT model configuration, stored as {@value #FILE_NAME}: both encoders' HF configs (inline, so a
 * checkpoint is self-contained), the folders they were initialised from, and the parts AuBERT adds on top.
 *
 * @param textModel            HF BERT folder the text encoder is initialised from, or null (weights come from elsewhere)
 * @param textConfig           the text encoder's HF config
 * @param audioModel           HF HuBERT / wav2vec2 folder, or null
 * @param audioConfig          the audio encoder's HF config
 * @param pooling              how the n-gram's tokens and the segment's frames are pooled
 * @param projectionHead       the head mapping each pooled vector into the joint space
 * @param projectionDim        size P of the joint space
 * @param scorer               how a (text, audio) pair is scored
 * @param headDropout          dropout inside the MLP projection head
 * @param mlmWeight            weight of the auxiliary masked-LM loss; 0 builds no MLM head
 * @param freezeFeatureEncoder keep the audio conv feature extractor fixed (HF {@code freeze_feature_encoder})
 * @param seed                 seed of the random initialisation of everything not loaded from a checkpoint
 */
public record AubertConfig(Path textModel, BertConfig textConfig, Path audioModel, Wav2Vec2Config audioConfig,
                           Pooling pooling, ProjectionHeadType projectionHead, int projectionDim, ScorerType scorer,
                           double headDropout, double mlmWeight, boolean freezeFeatureEncoder, long seed) {

    public static final String FILE_NAME = "aubert.json";
    public static final Pooling DEFAULT_POOLING = Pooling.MEAN;
    public static final ProjectionHeadType DEFAULT_HEAD = ProjectionHeadType.MLP;
    public static final int DEFAULT_PROJECTION_DIM = 256;
    public static final ScorerType DEFAULT_SCORER = ScorerType.MLP;
    public static final double DEFAULT_HEAD_DROPOUT = 0.1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("text_model", "text_config", "audio_model", "audio_config", "pooling",
            "projection_head", "projection_dim", "scorer", "head_dropout", "mlm_weight", "freeze_feature_encoder", "seed");

    /**
     * Pooling over the n-gram's tokens / the segment's valid frames; {@code ALL} concatenates mean and max;
     * {@code MEAN_LENGTH} appends the log of the number of positions pooled to the mean: a mean forgets how long the
     * word was spoken, and duration is the plainest prosodic cue of its context (a phrase-final word is drawn out).
     */
    public enum Pooling {
        MEAN, MAX, ALL, MEAN_LENGTH;

        /** Width of the pooled vector for hidden size {@code hidden}. */
        public long outputDim(long hidden) {
            return switch (this) {
                case ALL -> 2 * hidden;
                case MEAN_LENGTH -> hidden + 1;
                default -> hidden;
            };
        }
    }

    /** {@code LINEAR}: one linear map; {@code MLP}: residual two-layer MLP with LayerNorm (see {@link ProjectionHead}). */
    public enum ProjectionHeadType { LINEAR, MLP }

    /** {@code MLP}: an MLP over each concatenated pair; {@code COSINE}: scaled cosine similarity (CLIP). */
    public enum ScorerType { MLP, COSINE, CENTRED_COSINE }

    public AubertConfig {
        if (textConfig == null) throw new ConfigException("text_config is required");
        if (audioConfig == null) throw new ConfigException("audio_config is required");
        if (pooling == null || projectionHead == null || scorer == null) {
            throw new ConfigException("pooling, projection_head and scorer are required");
        }
        if (projectionDim <= 0) throw new ConfigException("projection_dim must be positive, got " + projectionDim);
        if (!(headDropout >= 0 && headDropout < 1)) throw new ConfigException("head_dropout must be in [0, 1), got " + headDropout);
        if (!(mlmWeight >= 0) || Double.isInfinite(mlmWeight)) {
            throw new ConfigException("mlm_weight must be finite and not negative, got " + mlmWeight);
        }
    }

    /** A config with every AuBERT default, for encoders described by the given configs (folders may be null). */
    public static AubertConfig of(Path textModel, BertConfig textConfig, Path audioModel, Wav2Vec2Config audioConfig) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, DEFAULT_POOLING, DEFAULT_HEAD,
                DEFAULT_PROJECTION_DIM, DEFAULT_SCORER, DEFAULT_HEAD_DROPOUT, 0, true, 0);
    }

    /** Defaults, with the encoder configs read from the two HF folders. */
    public static AubertConfig forPretrained(Path textModel, Path audioModel) throws IOException {
        return of(textModel, BertConfig.load(textModel), audioModel, Wav2Vec2Config.load(audioModel));
    }

    public AubertConfig withPooling(Pooling p) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, p, projectionHead, projectionDim, scorer,
                headDropout, mlmWeight, freezeFeatureEncoder, seed);
    }

    public AubertConfig withProjection(ProjectionHeadType head, int dim, double dropout) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, pooling, head, dim, scorer, dropout,
                mlmWeight, freezeFeatureEncoder, seed);
    }

    public AubertConfig withScorer(ScorerType s) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, pooling, projectionHead, projectionDim, s,
                headDropout, mlmWeight, freezeFeatureEncoder, seed);
    }

    public AubertConfig withMlmWeight(double w) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, pooling, projectionHead, projectionDim, scorer,
                headDropout, w, freezeFeatureEncoder, seed);
    }

    public AubertConfig withFreezeFeatureEncoder(boolean freeze) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, pooling, projectionHead, projectionDim, scorer,
                headDropout, mlmWeight, freeze, seed);
    }

    public AubertConfig withSeed(long s) {
        return new AubertConfig(textModel, textConfig, audioModel, audioConfig, pooling, projectionHead, projectionDim, scorer,
                headDropout, mlmWeight, freezeFeatureEncoder, s);
    }

    /** Reads {@value #FILE_NAME} from a folder (or the file itself). */
    public static AubertConfig load(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": no such config file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(file.toString(), root);
    }

    /**
     * Parses the JSON object of {@value #FILE_NAME}. Unknown keys are refused (a misspelt option must not silently
     * fall back to its default). An absent {@code text_config} / {@code audio_config} is read from the model folder.
     */
    public static AubertConfig fromJson(String source, JsonNode root) throws IOException {
        if (root == null || !root.isObject()) throw new ConfigException(source + ": not a JSON object");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) throw new ConfigException(source + ": unknown key \"" + key + "\" (known keys: " + KEYS + ")");
        }
        ConfigJson f = ConfigJson.of(source, root);
        Path textModel = path(f, "text_model");
        Path audioModel = path(f, "audio_model");
        BertConfig text = root.hasNonNull("text_config") ? BertConfig.fromJson(source + " text_config", root.get("text_config"))
                : textModel != null ? BertConfig.load(textModel) : null;
        Wav2Vec2Config audio = root.hasNonNull("audio_config")
                ? Wav2Vec2Config.fromJson(source + " audio_config", root.get("audio_config"))
                : audioModel != null ? Wav2Vec2Config.load(audioModel) : null;
        if (text == null) throw new ConfigException(source + ": needs \"text_config\" or \"text_model\"");
        if (audio == null) throw new ConfigException(source + ": needs \"audio_config\" or \"audio_model\"");
        try {
            return new AubertConfig(textModel, text, audioModel, audio,
                    choice(f, "pooling", Pooling.class, DEFAULT_POOLING),
                    choice(f, "projection_head", ProjectionHeadType.class, DEFAULT_HEAD),
                    f.getInt("projection_dim", DEFAULT_PROJECTION_DIM),
                    choice(f, "scorer", ScorerType.class, DEFAULT_SCORER),
                    f.getDouble("head_dropout", DEFAULT_HEAD_DROPOUT),
                    f.getDouble("mlm_weight", 0),
                    f.getBool("freeze_feature_encoder", true),
                    f.getLong("seed", 0));
        } catch (ConfigException e) {
            throw f.withSource(e);
        }
    }

    /** The JSON object written as {@value #FILE_NAME}: every field, the encoder configs inline. */
    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        if (textModel != null) n.put("text_model", textModel.toString());
        n.set("text_config", textConfig.toJson("BertModel"));
        if (audioModel != null) n.put("audio_model", audioModel.toString());
        String audioArch = audioConfig.modelType() == Wav2Vec2Config.ModelType.HUBERT ? "HubertModel" : "Wav2Vec2Model";
        n.set("audio_config", audioConfig.toJson(audioArch));
        n.put("pooling", lower(pooling));
        n.put("projection_head", lower(projectionHead));
        n.put("projection_dim", projectionDim);
        n.put("scorer", lower(scorer));
        n.put("head_dropout", headDropout);
        n.put("mlm_weight", mlmWeight);
        n.put("freeze_feature_encoder", freezeFeatureEncoder);
        n.put("seed", seed);
        return n;
    }

    /** Writes {@link #toJson()} atomically to {@code file}, pretty-printed. */
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
    }

    private static Path path(ConfigJson f, String key) {
        String p = f.getString(key, null);
        return p == null ? null : Path.of(p);
    }

    private static <E extends Enum<E>> E choice(ConfigJson f, String key, Class<E> type, E dflt) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(AubertConfig::lower).collect(Collectors.joining("|"));
        String v;
        try {
            v = f.getString(key, null);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().replace("expected a string", "expected " + allowed));
        }
        if (v == null) return dflt;
        for (E e : type.getEnumConstants()) if (lower(e).equals(v)) return e;
        throw new ConfigException(f.source() + ": \"" + key + "\" is \"" + v + "\", expected " + allowed);
    }

    private static String lower(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }
}
