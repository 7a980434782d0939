package org.aubert.nn.ctc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.checkpoint.SafetensorsFile;
import org.aubert.core.checkpoint.SafetensorsWriter;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.core.config.ConfigException;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.io.AtomicFiles;
import org.aubert.core.tensor.Tensor;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.nn.NdArrays;
import org.aubert.nn.aubert.ParameterInit;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.train.BatchStream;
import org.aubert.nn.train.TrainableModel;
import org.aubert.nn.train.TrainingStep;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * A HuBERT / wav2vec2 model with its CTC head ({@code HubertForCTC}, {@code Wav2Vec2ForCTC}) as a
 * {@link TrainableModel}.
 *
 * <p>The loss is computed outside the graph, exactly as HF does: the graph gives logits [B, T, V] (with the step's
 * dropout masks), {@link CtcLoss} gives each utterance's loss over its valid frames (frame lengths from the sample
 * mask, as HF) and d loss / d logits; the reduction is HF's {@code ctc_loss_reduction} ("sum", or "mean": each loss
 * divided by its target length, then the batch mean) with {@code ctc_zero_infinity}. The parameter gradients are
 * then those of the surrogate scalar {@code sum(logits * G)}, G = d loss / d logits fed as a placeholder (zeros on
 * padded frames), in a second pass with the same masks. SameDiff's own CTC and cross-entropy ops are not used.
 *
 * <p>The model saves itself as an HF folder ({@link #save}): {@code config.json} (with the CTC settings),
 * {@code model.safetensors} under HF names, the tokenizer files and {@code preprocessor_config.json}, which
 * {@link AudioEncoder#load} and HF's {@code from_pretrained} read.
 */
public final class CtcModel implements TrainableModel<CtcBatch, CtcEvaluation> {
    public static final String LOGIT_GRADIENT = "ctc_logit_gradient";
    public static final String SURROGATE = "ctc_surrogate_loss";
    /** Files of an HF CTC folder besides config.json and the weights. */
    public static final List<String> HELPER_FILES = List.of("vocab.json", "tokenizer_config.json", "special_tokens_map.json",
            "preprocessor_config.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** HF's {@code ctc_loss_reduction}. */
    public enum Reduction {
        SUM, MEAN;

        static Reduction parse(String source, String s) {
            return switch (s) {
                case "sum" -> SUM;
                case "mean" -> MEAN;
                default -> throw new ConfigException(source + ": ctc_loss_reduction '" + s + "' is not 'sum' or 'mean'");
            };
        }

        String hfName() { return name().toLowerCase(Locale.ROOT); }
    }

    private final AudioEncoder encoder;
    private final Reduction reduction;
    private final boolean zeroInfinity;
    private final CtcTokenizer tokenizer;
    private final Map<String, byte[]> helperFiles;

    private CtcModel(AudioEncoder encoder, Reduction reduction, boolean zeroInfinity, CtcTokenizer tokenizer,
                     Map<String, byte[]> helperFiles) {
        if (!encoder.hasCtcHead()) throw new IllegalArgumentException("the model has no CTC head (lm_head)");
        if (tokenizer.vocabSize() > encoder.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens, the model's vocab_size is "
                    + encoder.config().vocabSize());
        }
        if (tokenizer.blankId() != encoder.config().padTokenId()) {
            throw new IllegalArgumentException("the tokenizer's blank (pad) id " + tokenizer.blankId() + " differs from pad_token_id "
                    + encoder.config().padTokenId());
        }
        this.encoder = encoder;
        this.reduction = reduction;
        this.zeroInfinity = zeroInfinity;
        this.tokenizer = tokenizer;
        this.helperFiles = new LinkedHashMap<>(helperFiles);
        var sd = encoder.graph().sd();
        SDVariable g = sd.placeHolder(LOGIT_GRADIENT, encoder.graph().dtype(), -1, -1, -1);
        sd.identity(SURROGATE, encoder.logits().mul(g).sum());
        sd.setLossVariables(SURROGATE);
    }

    /**
     * A fresh model: HF-style random initialisation from {@code seed}; {@code tokenizerDir} holds the tokenizer files
     * (and optionally preprocessor_config.json, else the default for the model's style is written on save).
     */
    public static CtcModel create(Wav2Vec2Config config, Reduction reduction, boolean zeroInfinity, Path tokenizerDir,
                                  AudioEncoder.Options options, long seed) throws IOException {
        AudioEncoder enc = AudioEncoder.create(config, true, options);
        ParameterInit.initialise(enc.graph(), config.initializerRange(), seed);
        Map<String, byte[]> files = readHelpers(tokenizerDir);
        files.putIfAbsent("preprocessor_config.json", defaultPreprocessor(config).getBytes(StandardCharsets.UTF_8));
        return new CtcModel(enc, reduction, zeroInfinity, CtcTokenizer.load(tokenizerDir), files);
    }

    /** An HF *ForCTC folder (config.json, weights with {@code lm_head.*}, tokenizer files). */
    public static CtcModel load(Path dir, AudioEncoder.Options options) throws IOException {
        AudioEncoder enc = AudioEncoder.load(dir, options);
        JsonNode cfg = JSON.readTree(dir.resolve("config.json").toFile());
        Reduction r = Reduction.parse(dir.resolve("config.json").toString(), cfg.path("ctc_loss_reduction").asText("sum"));
        boolean zi = cfg.path("ctc_zero_infinity").asBoolean(false);
        return new CtcModel(enc, r, zi, CtcTokenizer.load(dir), readHelpers(dir));
    }

    private static Map<String, byte[]> readHelpers(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : HELPER_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) files.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return files;
    }

    /** HF's defaults: normalised input; an attention mask for "layer"-norm models, none for "group" ones. */
    static String defaultPreprocessor(Wav2Vec2Config c) {
        boolean mask = c.featExtractNorm() == Wav2Vec2Config.FeatureNorm.LAYER;
        return "{\n  \"do_normalize\": true,\n  \"feature_extractor_type\": \"Wav2Vec2FeatureExtractor\",\n  \"feature_size\": 1,\n"
                + "  \"padding_side\": \"right\",\n  \"padding_value\": 0.0,\n  \"return_attention_mask\": " + mask
                + ",\n  \"sampling_rate\": 16000\n}\n";
    }

    public AudioEncoder encoder() { return encoder; }

    @Override
    public Graph graph() { return encoder.graph(); }

    public CtcTokenizer tokenizer() { return tokenizer; }

    public Reduction reduction() { return reduction; }

    public boolean zeroInfinity() { return zeroInfinity; }

    /** The reduced loss of a batch and d loss / d logits [B, T, V] (zeros on padded frames). */
    public record Objective(double loss, INDArray logitGradient, int infiniteLosses) {}

    /** HF's CTC loss of {@code logits} [B, T, V] for the batch (its frame lengths and labels). */
    public Objective objective(INDArray logits, CtcBatch batch) {
        long[] lengths = encoder.frameLengths(batch.inputValues(), batch.attentionMask());
        int b = batch.size();
        long t = logits.size(1);
        long v = logits.size(2);
        double[][][] g = new double[b][(int) t][(int) v];
        double[] flat = logits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double total = 0;
        int infinite = 0;
        for (int i = 0; i < b; i++) {
            int len = (int) Math.min(lengths[i], t);
            double[][] x = new double[len][];
            for (int f = 0; f < len; f++) {
                x[f] = java.util.Arrays.copyOfRange(flat, (int) ((i * t + f) * v), (int) ((i * t + f + 1) * v));
            }
            CtcLoss.Result r = len == 0 ? new CtcLoss.Result(zeroInfinity ? 0 : Double.POSITIVE_INFINITY, new double[0][0])
                    : CtcLoss.compute(x, batch.labels()[i], tokenizer.blankId(), zeroInfinity);
            if (Double.isInfinite(r.loss())) infinite++;
            double scale = reduction == Reduction.SUM ? 1 : 1.0 / (Math.max(1, batch.labels()[i].length) * (double) b);
            total += r.loss() * scale;
            for (int f = 0; f < r.gradient().length; f++) {
                for (int k = 0; k < v; k++) g[i][f][k] = r.gradient()[f][k] * scale;
            }
        }
        return new Objective(total, Nd4j.createFromArray(g).castTo(graph().dtype()), infinite);
    }

    /** Logits [B, T, V] of a batch, with the dropout masks of {@code seed}, or without dropout when it is null. */
    public INDArray logits(CtcBatch batch, Long seed) {
        Map<String, INDArray> feeds = encoder.feeds(batch.inputValues(), batch.attentionMask());
        Map<String, Long> dims = encoder.dims(batch.inputValues());
        String name = encoder.logits().name();
        return (seed == null ? encoder.runner().outputWithoutDropout(feeds, dims, name)
                : encoder.runner().output(feeds, dims, seed, name)).get(name);
    }

    /** The loss of a batch with the dropout masks of {@code seed} (null: no dropout). */
    public double loss(CtcBatch batch, Long seed) { return objective(logits(batch, seed), batch).loss(); }

    @Override
    public TrainingStep trainingStep(CtcBatch batch, long dropoutSeed) {
        Map<String, INDArray> feeds = encoder.feeds(batch.inputValues(), batch.attentionMask());
        Map<String, Long> dims = encoder.dims(batch.inputValues());
        String name = encoder.logits().name();
        INDArray logits = encoder.runner().output(feeds, dims, dropoutSeed, name).get(name);
        Objective o = objective(logits, batch);
        Map<String, INDArray> in = new LinkedHashMap<>(feeds);
        in.put(LOGIT_GRADIENT, o.logitGradient());
        Map<String, INDArray> grads = encoder.runner().gradients(in, dims, dropoutSeed);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("infinite_losses", (double) o.infiniteLosses());
        return new TrainingStep(o.loss(), metrics, grads);
    }

    /** Greedy (best-path) transcripts of a batch, without dropout. */
    public List<String> transcribe(CtcBatch batch) { return decode(logits(batch, null), batch); }

    private List<String> decode(INDArray logits, CtcBatch batch) {
        long[] lengths = encoder.frameLengths(batch.inputValues(), batch.attentionMask());
        INDArray argmax = logits.argMax(2);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            int len = (int) Math.min(lengths[i], logits.size(1));
            int[] ids = new int[len];
            for (int f = 0; f < len; f++) ids[f] = argmax.getInt(i, f);
            out.add(normalise(tokenizer.decodeGreedy(ids)));
        }
        return out;
    }

    /** Lower case, runs of white space as one space, no leading or trailing space: how transcripts are compared. */
    public static String normalise(String s) { return s.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "); }

    @Override
    public CtcEvaluation evaluate(BatchStream<CtcBatch> source) {
        source.reset(0);
        long n = 0;
        double lossSum = 0;
        long ce = 0;
        long rc = 0;
        long we = 0;
        long rw = 0;
        while (source.hasNext()) {
            CtcBatch b = source.next();
            INDArray logits = logits(b, null);
            lossSum += objective(logits, b).loss() * b.size();
            List<String> hyp = decode(logits, b);
            for (int i = 0; i < b.size(); i++) {
                String ref = normalise(b.transcripts().get(i));
                ce += EditDistance.chars(ref, hyp.get(i));
                rc += ref.codePointCount(0, ref.length());
                we += EditDistance.words(ref, hyp.get(i));
                rw += EditDistance.split(ref).size();
            }
            n += b.size();
        }
        if (n == 0) throw new IllegalArgumentException("the evaluation source yielded no batches");
        return new CtcEvaluation(n, lossSum / n, ce, rc, we, rw);
    }

    /** HF key of a graph parameter: the head's keys as they are, the base model's under hubert. / wav2vec2. */
    String hfKey(String name) {
        return name.startsWith("lm_head.") ? name : encoder.config().modelType().checkpointPrefix() + name;
    }

    /** Writes the HF folder into {@code dir} (created if needed; files replaced atomically one by one). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Wav2Vec2Config c = encoder.config();
        String arch = c.modelType() == Wav2Vec2Config.ModelType.HUBERT ? "HubertForCTC" : "Wav2Vec2ForCTC";
        ObjectNode json = c.toJson(arch);
        json.put("ctc_loss_reduction", reduction.hfName());
        json.put("ctc_zero_infinity", zeroInfinity);
        AtomicFiles.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : graph().parameterNames()) weights.put(hfKey(name), NdArrays.toTensor(graph().parameter(name)));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        for (Map.Entry<String, byte[]> f : helperFiles.entrySet()) {
            AtomicFiles.writeString(dir.resolve(f.getKey()), new String(f.getValue(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void writeCheckpoint(Path dir, Path previous) throws IOException { save(dir); }

    @Override
    public Map<String, INDArray> readCheckpointParameters(Path dir) throws IOException {
        Map<String, INDArray> p = new LinkedHashMap<>();
        try (TensorSource source = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            for (String name : graph().parameterNames()) {
                String key = hfKey(name);
                if (!source.contains(key)) throw new IOException(dir.resolve("model.safetensors") + ": no tensor " + key);
                p.put(name, NdArrays.toArray(source.get(key), graph().dtype()));
            }
        }
        return p;
    }
}
