package org.aubert.nn.wav2vec2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.aubert.core.checkpoint.Checkpoints;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;
import org.aubert.nn.weights.LoadSpec;
import org.aubert.nn.weights.WeightLoader;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runnable HuBERT / wav2vec2 model, with or without its CTC head ({@code HubertModel}, {@code HubertForCTC},
 * {@code Wav2Vec2Model}, {@code Wav2Vec2ForCTC}): a {@link Graph} holding a {@link Wav2Vec2Model} and an optional
 * {@link CtcHead}, its placeholders, and a {@link GraphRunner}.
 *
 * <p>Inputs: {@value #INPUT_VALUES} [B, S] normalised samples and {@value #FRAME_MASK} [B, T] (1 = real frame),
 * which {@link #feeds} derives from an HF {@code attention_mask} [B, S]. Without an attention mask the frame mask
 * is all ones, which is exactly HF's unmasked path (multiplying by 1 and adding a zero bias change nothing).
 * Dropout-mask shapes use the symbols {@value #BATCH} and {@value #FRAMES} (see {@link #dims}).
 *
 * <p>Freezing the feature encoder ({@link Options#freezeFeatureEncoder}) turns the conv stack's parameters into
 * graph constants ({@link Graph#freeze}): they get no gradient and no back-propagation runs through the conv
 * stack, like HF's {@code freeze_feature_encoder()}. {@link #frozenParameterNames()} lists them for the trainer.
 */
public final class AudioEncoder {
    public static final String INPUT_VALUES = "input_values";
    public static final String FRAME_MASK = "frame_mask";
    public static final String BATCH = "B";
    public static final String FRAMES = "T";

    private static final Logger LOG = LoggerFactory.getLogger(AudioEncoder.class);

    /** Checkpoint keys that HF models carry for pre-training or SpecAugment only. */
    private static final String[] IGNORED = {"masked_spec_embed", "quantizer\\..*", "project_q\\..*", "project_hid\\..*"};

    /**
     * @param dtype                graph precision (FLOAT for inference, DOUBLE for gradient checks)
     * @param training             builds the dropout sites (inverted dropout with per-step masks)
     * @param freezeFeatureEncoder makes the conv stack's parameters constants
     */
    public record Options(DataType dtype, boolean training, boolean freezeFeatureEncoder) {
        public static Options inference() { return new Options(DataType.FLOAT, false, false); }
    }

    private final Graph graph;
    private final GraphRunner runner;
    private final Wav2Vec2Config config;
    private final Wav2Vec2Model.Outputs outputs;
    private final SDVariable logits;
    private final List<String> featureExtractorParams;

    private AudioEncoder(Wav2Vec2Config config, boolean ctcHead, Options options) {
        this.config = config;
        this.graph = new Graph(options.dtype(), options.training());
        var sd = graph.sd();
        SDVariable input = sd.placeHolder(INPUT_VALUES, options.dtype(), -1, -1);
        SDVariable frameMask = sd.placeHolder(FRAME_MASK, options.dtype(), -1, -1);
        Wav2Vec2Model model = new Wav2Vec2Model(graph.root(), config, BATCH, FRAMES);
        this.outputs = model.forward(input, frameMask);
        this.logits = ctcHead
                ? sd.identity("logits", new CtcHead(graph.root(), config.hiddenSize(), config.vocabSize(),
                        config.finalDropout(), Dims.of(BATCH, FRAMES, config.hiddenSize())).forward(outputs.lastHiddenState()))
                : null;
        this.featureExtractorParams = model.featureExtractorParameterNames();
        if (options.freezeFeatureEncoder()) graph.freeze(featureExtractorParams);
        this.runner = new GraphRunner(graph);
    }

    /** A model with zero weights (load them with {@link #loadWeights}, or set them one by one in {@link #graph()}). */
    public static AudioEncoder create(Wav2Vec2Config config, boolean ctcHead, Options options) {
        return new AudioEncoder(config, ctcHead, options);
    }

    /** Loads an HF folder ({@code config.json} + safetensors, shards or pytorch_model.bin) for inference or training. */
    public static AudioEncoder load(Path dir, DataType dtype, boolean training) throws IOException {
        return load(dir, new Options(dtype, training, false));
    }

    /** Loads an HF folder; the CTC head is built when the checkpoint holds {@code lm_head.weight}. */
    public static AudioEncoder load(Path dir, Options options) throws IOException {
        Wav2Vec2Config config = Wav2Vec2Config.load(dir);
        try (TensorSource source = Checkpoints.open(dir)) {
            AudioEncoder enc = new AudioEncoder(config, source.contains("lm_head.weight"), options);
            enc.loadWeights(source);
            return enc;
        }
    }

    /** Loads every parameter from {@code source}; refuses missing, unexpected and mis-shaped keys. */
    public WeightLoader.Report loadWeights(TensorSource source) throws IOException {
        WeightLoader.Report r = WeightLoader.load(graph, source, loadSpec(config));
        LOG.info("Loaded {} ({}, ctc head: {}): {} tensors, prefix '{}', ignored {}", source.description(),
                config.modelType().hfName(), hasCtcHead(), r.loaded(), r.prefix(), r.ignored());
        return r;
    }

    /** How an HF HuBERT / wav2vec2 checkpoint maps onto the base model's (and CTC head's) parameter names. */
    public static LoadSpec loadSpec(Wav2Vec2Config config) {
        return LoadSpec.of(List.of(config.modelType().checkpointPrefix()), IGNORED);
    }

    public Graph graph() { return graph; }

    public GraphRunner runner() { return runner; }

    public Wav2Vec2Config config() { return config; }

    public boolean hasCtcHead() { return logits != null; }

    /** The graph outputs of the base model (for building a loss on top of them). */
    public Wav2Vec2Model.Outputs outputs() { return outputs; }

    /** The logits variable, or null without a CTC head. */
    public SDVariable logits() { return logits; }

    /** The conv stack's parameters, frozen or not. */
    public List<String> featureExtractorParameterNames() { return featureExtractorParams; }

    /** Parameters an optimiser must not update (the conv stack when frozen; else none). */
    public List<String> frozenParameterNames() { return List.copyOf(graph.frozenParameterNames()); }

    /**
     * The placeholder feeds for a batch.
     *
     * @param inputValues   [B, S] samples, any floating type (cast to the graph's)
     * @param attentionMask [B, S] 1 = real sample, 0 = padding (HF's attention_mask), or null
     */
    public Map<String, INDArray> feeds(INDArray inputValues, INDArray attentionMask) {
        checkInput(inputValues, attentionMask);
        Map<String, INDArray> f = new HashMap<>();
        f.put(INPUT_VALUES, inputValues.castTo(graph.dtype()));
        f.put(FRAME_MASK, Wav2Vec2Model.frameMask(frameLengths(inputValues, attentionMask), frames(inputValues), graph.dtype()));
        return f;
    }

    /** Values of the dropout-mask symbols for a batch. */
    public Map<String, Long> dims(INDArray inputValues) {
        return Map.of(BATCH, inputValues.size(0), FRAMES, frames(inputValues));
    }

    /** Valid frames per row: from the attention mask, or every frame when it is null. */
    public long[] frameLengths(INDArray inputValues, INDArray attentionMask) {
        if (attentionMask == null) {
            long[] all = new long[Math.toIntExact(inputValues.size(0))];
            Arrays.fill(all, frames(inputValues));
            return all;
        }
        return Wav2Vec2Model.frameLengths(config, attentionMask);
    }

    private long frames(INDArray inputValues) { return config.framesForSamples(inputValues.size(1)); }

    private void checkInput(INDArray inputValues, INDArray attentionMask) {
        if (inputValues.rank() != 2) {
            throw new IllegalArgumentException("input_values must be [batch, samples], got " + Arrays.toString(inputValues.shape()));
        }
        if (frames(inputValues) < 1) {
            throw new IllegalArgumentException(inputValues.size(1) + " samples are too few for one frame of the conv stack");
        }
        if (attentionMask != null && !Arrays.equals(attentionMask.shape(), inputValues.shape())) {
            throw new IllegalArgumentException("attention_mask " + Arrays.toString(attentionMask.shape())
                    + " does not match input_values " + Arrays.toString(inputValues.shape()));
        }
    }

    /** Runs the model (dropout masks, in training mode, from seed 0). */
    public Wav2Vec2Output forward(INDArray inputValues, INDArray attentionMask) { return forward(inputValues, attentionMask, 0); }

    /** Runs the model; {@code seed} drives the dropout masks in training mode. */
    public Wav2Vec2Output forward(INDArray inputValues, INDArray attentionMask, long seed) {
        List<String> names = new ArrayList<>();
        names.add(outputs.convFeatures().name());
        for (SDVariable h : outputs.hiddenStates()) names.add(h.name());
        names.add(outputs.lastHiddenState().name());
        if (logits != null) names.add(logits.name());
        Map<String, INDArray> out = runner.output(feeds(inputValues, attentionMask), dims(inputValues), seed,
                names.toArray(String[]::new));
        List<INDArray> hidden = outputs.hiddenStates().stream().map(h -> out.get(h.name())).toList();
        return new Wav2Vec2Output(out.get(outputs.convFeatures().name()), hidden, out.get(outputs.lastHiddenState().name()),
                logits == null ? null : out.get(logits.name()), frameLengths(inputValues, attentionMask));
    }

    /**
     * Runs a batch of utterances of possibly different lengths: they are right-padded with zeros and, when
     * {@code useAttentionMask}, masked (HF's advice: masks for "layer" models, none for "group" models).
     */
    public Wav2Vec2Output forward(List<float[]> utterances, boolean useAttentionMask) {
        int max = utterances.stream().mapToInt(u -> u.length).max().orElseThrow(() -> new IllegalArgumentException("empty batch"));
        float[][] values = new float[utterances.size()][max];
        int[][] mask = new int[utterances.size()][max];
        for (int b = 0; b < values.length; b++) {
            float[] u = utterances.get(b);
            System.arraycopy(u, 0, values[b], 0, u.length);
            Arrays.fill(mask[b], 0, u.length, 1);
        }
        return forward(Nd4j.createFromArray(values), useAttentionMask ? Nd4j.createFromArray(mask) : null);
    }
}
