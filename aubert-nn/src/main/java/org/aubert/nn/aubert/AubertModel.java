package org.aubert.nn.aubert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.checkpoint.Checkpoints;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.bert.BertForMaskedLM;
import org.aubert.nn.bert.BertModel;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;
import org.aubert.nn.graph.Scope;
import org.aubert.nn.train.BatchStream;
import org.aubert.nn.train.Checkpoint;
import org.aubert.nn.train.TrainableModel;
import org.aubert.nn.train.TrainingStep;
import org.aubert.nn.weights.LoadSpec;
import org.aubert.nn.weights.WeightLoader;
import org.aubert.nn.wav2vec2.AudioEncoder;
import org.aubert.nn.wav2vec2.Wav2Vec2Model;

/**
 * AuBERT in one SameDiff {@link Graph}: BERT over the text context ({@value #TEXT}{@code .*}, HF names) and HuBERT /
 * wav2vec2 over the audio segment ({@value #AUDIO}{@code .*}), the span and frame poolers, a projection head per side
 * ({@code text_projection.*}, {@code audio_projection.*}), the scorer ({@code scorer.*}) giving [B, B] logits, the
 * symmetric InfoNCE loss and, when {@code mlm_weight > 0}, BERT's MLM head ({@code text.cls.predictions.*}) with its
 * loss added. A trainer reads and writes every parameter by name through {@link #graph()}
 * ({@code parameterNames}, {@code parameter}, {@code setParameter}, {@code trainableParameterNames}) and calls
 * {@link #step}.
 *
 * <p>Inputs (see {@link #feeds}): BERT's {@code input_ids}, {@code token_type_ids}, {@code position_ids},
 * {@code attention_mask}; {@value #SPAN_MASK} [B, T]; {@value #INPUT_VALUES} [B, S] and {@value #FRAME_MASK} [B, F] (used
 * by the audio encoder and the frame pooler alike); {@value #TARGETS} = identity [B, B]; with MLM, {@value #MLM_LABELS}
 * and {@value #MLM_WEIGHTS}. Dropout-mask symbols: {@code B}, {@code T} (tokens), {@value #FRAMES} (audio frames).
 * Outputs: {@value #LOGITS}, {@value #LOSS}, {@value #LOSS_T2A}, {@value #LOSS_A2T}, {@value #LOSS_MLM} (with MLM),
 * {@value #TEXT_EMBEDDING}, {@value #AUDIO_EMBEDDING}, {@code text.last_hidden_state}, {@code audio.last_hidden_state}.
 */
public final class AubertModel implements TrainableModel<Batch, EvaluationReport> {
    public static final String TEXT = "text";
    public static final String AUDIO = "audio";
    public static final String TEXT_PROJECTION = "text_projection";
    public static final String AUDIO_PROJECTION = "audio_projection";
    public static final String FRAMES = "F";
    public static final String SPAN_MASK = "span_mask";
    public static final String INPUT_VALUES = AudioEncoder.INPUT_VALUES;
    public static final String FRAME_MASK = AudioEncoder.FRAME_MASK;
    public static final String TARGETS = "contrastive_targets";
    public static final String MLM_LABELS = "mlm_labels";
    public static final String MLM_WEIGHTS = "mlm_weights";
    public static final String LOGITS = "logits";
    public static final String LOSS = "loss";
    public static final String LOSS_T2A = "loss_t2a";
    public static final String LOSS_A2T = "loss_a2t";
    public static final String LOSS_MLM = "loss_mlm";
    public static final String TEXT_EMBEDDING = "text_embedding";
    public static final String AUDIO_EMBEDDING = "audio_embedding";

    private final AubertConfig config;
    private final Graph graph;
    private final GraphRunner runner;
    private final BertModel text;
    private final Wav2Vec2Model audio;
    private final Wav2Vec2Model.Outputs audioOutputs;
    private final boolean mlm;

    private AubertModel(AubertConfig c, DataType dtype, boolean training) {
        this.config = c;
        this.graph = new Graph(dtype, training);
        SameDiff sd = graph.sd();
        Scope root = graph.root();
        this.mlm = c.mlmWeight() > 0;
        SDVariable mlmLogits = null;
        if (mlm) {
            BertForMaskedLM m = BertForMaskedLM.build(root.child(TEXT), c.textConfig());
            this.text = m.bert();
            mlmLogits = m.logitsVariable();
        } else {
            this.text = BertModel.build(root.child(TEXT), c.textConfig(), false);
        }
        SDVariable inputValues = sd.placeHolder(INPUT_VALUES, dtype, -1, -1);
        SDVariable frameMask = sd.placeHolder(FRAME_MASK, dtype, -1, -1);
        this.audio = new Wav2Vec2Model(root.child(AUDIO), c.audioConfig(), BertModel.BATCH, FRAMES);
        this.audioOutputs = audio.forward(inputValues, frameMask);

        long ht = c.textConfig().hiddenSize();
        long ha = c.audioConfig().hiddenSize();
        long p = c.projectionDim();
        SDVariable spanMask = sd.placeHolder(SPAN_MASK, dtype, -1, -1);
        SDVariable textPooled = new SpanPooler(root, c.pooling(), ht).forward(text.lastHiddenStateVariable(), spanMask);
        SDVariable audioPooled = new FramePooler(root, c.pooling(), ha).forward(audioOutputs.lastHiddenState(), frameMask);
        SDVariable textEmb = sd.identity(TEXT_EMBEDDING, new ProjectionHead(root.child(TEXT_PROJECTION), c.projectionHead(),
                ht, p, c.headDropout(), BertModel.BATCH).forward(textPooled));
        SDVariable audioEmb = sd.identity(AUDIO_EMBEDDING, new ProjectionHead(root.child(AUDIO_PROJECTION), c.projectionHead(),
                ha, p, c.headDropout(), BertModel.BATCH).forward(audioPooled));
        SDVariable logits = sd.identity(LOGITS, Scorer.create(root, c.scorer(), p).logits(textEmb, audioEmb));

        InfoNceLoss.Terms nce = InfoNceLoss.build(sd, logits, sd.placeHolder(TARGETS, dtype, -1, -1));
        sd.identity(LOSS_T2A, nce.textToAudio());
        sd.identity(LOSS_A2T, nce.audioToText());
        SDVariable loss = nce.mean();
        if (mlm) {
            SDVariable labels = sd.placeHolder(MLM_LABELS, DataType.INT64, -1, -1);
            SDVariable weights = sd.placeHolder(MLM_WEIGHTS, dtype, -1, -1);
            SDVariable lm = sd.identity(LOSS_MLM,
                    MaskedLmLoss.build(sd, mlmLogits, labels, weights, c.textConfig().vocabSize(), dtype));
            loss = loss.add(lm.mul(c.mlmWeight()));
        }
        sd.identity(LOSS, loss);
        sd.setLossVariables(LOSS);
        if (c.freezeFeatureEncoder()) graph.freeze(audio.featureExtractorParameterNames());
        this.runner = new GraphRunner(graph);
    }

    /** A randomly initialised model ({@link ParameterInit}) from {@code config.seed()}. */
    public static AubertModel create(AubertConfig config, DataType dtype, boolean training) {
        return create(config, dtype, training, config.seed());
    }

    /**
     * A randomly initialised model: HF-style initialisation of every parameter from {@code seed}.
     *
     * @param dtype    FLOAT to train and run, DOUBLE for gradient checks
     * @param training builds the dropout sites (masks drawn per step from the step's seed)
     */
    public static AubertModel create(AubertConfig config, DataType dtype, boolean training, long seed) {
        AubertModel m = new AubertModel(config, dtype, training);
        ParameterInit.initialise(m.graph, config, seed);
        return m;
    }

    /** {@link #fromPretrained(AubertConfig, DataType, boolean, long)} with {@code config.seed()}. */
    public static AubertModel fromPretrained(AubertConfig config, DataType dtype, boolean training) throws IOException {
        return fromPretrained(config, dtype, training, config.seed());
    }

    /**
     * Encoders from the HF folders {@code config.textModel()} and {@code config.audioModel()}, loaded with the strict
     * key check of {@link WeightLoader} (each over its own part of the graph); the poolers, heads and scorer are
     * randomly initialised from {@code seed}. With MLM the text checkpoint must hold BERT's MLM head; the CTC head of a
     * fine-tuned audio checkpoint ({@code lm_head.*}) is ignored.
     */
    public static AubertModel fromPretrained(AubertConfig config, DataType dtype, boolean training, long seed) throws IOException {
        if (config.textModel() == null || config.audioModel() == null) {
            throw new IllegalArgumentException("fromPretrained needs text_model and audio_model folders in the config");
        }
        AubertModel m = create(config, dtype, training, seed);
        m.loadText(config.textModel());
        m.loadAudio(config.audioModel());
        return m;
    }

    private void loadText(Path dir) throws IOException {
        try (TensorSource source = Checkpoints.open(dir)) {
            WeightLoader.load(graph, source, mlm ? BertForMaskedLM.loadSpec() : BertModel.loadSpec(), TEXT + ".");
        }
    }

    private void loadAudio(Path dir) throws IOException {
        LoadSpec base = AudioEncoder.loadSpec(config.audioConfig());
        List<Pattern> ignored = new ArrayList<>(base.ignored());
        ignored.add(Pattern.compile("lm_head\\..*"));
        try (TensorSource source = Checkpoints.open(dir)) {
            WeightLoader.load(graph, source, new LoadSpec(base.prefixes(), base.aliases(), ignored), AUDIO + ".");
        }
    }

    public AubertConfig config() { return config; }

    @Override
    public Graph graph() { return graph; }

    public GraphRunner runner() { return runner; }

    public boolean hasMlmHead() { return mlm; }

    /** The text encoder's last hidden state [B, T, H_t] ({@code text.last_hidden_state}). */
    public SDVariable textHiddenState() { return text.lastHiddenStateVariable(); }

    /** The audio encoder's last hidden state [B, F, H_a] ({@code audio.last_hidden_state}). */
    public SDVariable audioHiddenState() { return audioOutputs.lastHiddenState(); }

    /** Every graph input for {@code batch}, in the graph's precision. */
    public Map<String, INDArray> feeds(Batch batch) {
        DataType dt = graph.dtype();
        long t = batch.textIds().size(1);
        Map<String, INDArray> in = new HashMap<>(BertModel.inputs(batch.textIds(), batch.textMask(), null, config.textConfig(), dt));
        in.put(SPAN_MASK, SpanPooler.spanMask(batch.spanStart(), batch.spanEnd(), t, dt));
        in.put(INPUT_VALUES, batch.audioValues().castTo(dt));
        in.put(FRAME_MASK, Wav2Vec2Model.frameMask(frameLengths(batch), frames(batch), dt));
        in.put(TARGETS, Nd4j.eye(batch.size()).castTo(dt));
        if (mlm) {
            INDArray labels = batch.mlmLabels() != null ? batch.mlmLabels()
                    : Nd4j.valueArrayOf(batch.textIds().shape(), MaskedLmLoss.IGNORE, DataType.INT64);
            INDArray[] f = MaskedLmLoss.feeds(labels, config.textConfig().vocabSize(), dt);
            in.put(MLM_LABELS, f[0]);
            in.put(MLM_WEIGHTS, f[1]);
        }
        return in;
    }

    /** Values of the dropout-mask symbols for {@code batch}. */
    public Map<String, Long> dims(Batch batch) {
        return Map.of(BertModel.BATCH, (long) batch.size(), BertModel.TIME, batch.textIds().size(1), FRAMES, frames(batch));
    }

    /**
     * One training step's worth of work: the loss, its terms, metrics of the logits and the gradients of every
     * trainable parameter, in one pass with dropout masks drawn from {@code seed}. Parameters are not changed.
     */
    public StepResult step(Batch batch, long seed) {
        List<String> outs = new ArrayList<>(List.of(LOSS, LOSS_T2A, LOSS_A2T, LOGITS));
        if (mlm) outs.add(LOSS_MLM);
        GraphRunner.OutputsAndGradients r = runner.gradientsAndOutputs(feeds(batch), dims(batch), seed, outs.toArray(String[]::new));
        Map<String, INDArray> o = r.outputs();
        return new StepResult(o.get(LOSS).getDouble(0), o.get(LOSS_T2A).getDouble(0), o.get(LOSS_A2T).getDouble(0),
                mlm ? o.get(LOSS_MLM).getDouble(0) : 0, RetrievalMetrics.of(o.get(LOGITS)), r.gradients());
    }

    /** {@link #step} for the trainer: the loss terms and the batch's accuracies as named metrics. */
    @Override
    public TrainingStep trainingStep(Batch batch, long dropoutSeed) {
        StepResult r = step(batch, dropoutSeed);
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("loss_t2a", r.lossT2a());
        m.put("loss_a2t", r.lossA2t());
        m.put("loss_mlm", r.lossMlm());
        m.put("t2a_accuracy", r.t2aAccuracy());
        m.put("a2t_accuracy", r.a2tAccuracy());
        return new TrainingStep(r.loss(), m, r.gradients());
    }

    @Override
    public EvaluationReport evaluate(BatchStream<Batch> source) { return Evaluator.evaluate(this, source); }

    @Override
    public void writeCheckpoint(Path dir, Path previous) throws IOException { Checkpoint.writeAubertModel(dir, this, previous); }

    @Override
    public Map<String, INDArray> readCheckpointParameters(Path dir) throws IOException {
        AubertModel loaded = Checkpoint.readModel(dir, graph.dtype(), false);
        Map<String, INDArray> p = new java.util.LinkedHashMap<>();
        for (String name : loaded.graph().parameterNames()) p.put(name, loaded.graph().parameter(name));
        return p;
    }

    /** Logits, embeddings and loss of a batch, without dropout even in a model built for training. */
    public record Output(INDArray logits, INDArray textEmbedding, INDArray audioEmbedding, double loss) {}

    public Output forward(Batch batch) {
        Map<String, INDArray> o = runner.outputWithoutDropout(feeds(batch), dims(batch), LOGITS, TEXT_EMBEDDING, AUDIO_EMBEDDING, LOSS);
        return new Output(o.get(LOGITS), o.get(TEXT_EMBEDDING), o.get(AUDIO_EMBEDDING), o.get(LOSS).getDouble(0));
    }

    /** The [B, B] logits of a batch (row i = text i, column j = audio j), without dropout. */
    public INDArray scores(Batch batch) {
        return runner.outputWithoutDropout(feeds(batch), dims(batch), LOGITS).get(LOGITS);
    }

    private long frames(Batch batch) {
        Wav2Vec2Config a = config.audioConfig();
        long frames = a.framesForSamples(batch.audioValues().size(1));
        if (frames < 1) {
            throw new IllegalArgumentException(batch.audioValues().size(1) + " samples are too few for one frame of the conv stack");
        }
        return frames;
    }

    /** Valid frames per example; each must have at least one, or its pooled audio would be undefined. */
    private long[] frameLengths(Batch batch) {
        long frames = frames(batch);
        long[] lengths;
        if (batch.audioMask() == null) {
            lengths = new long[batch.size()];
            Arrays.fill(lengths, frames);
        } else {
            lengths = Wav2Vec2Model.frameLengths(config.audioConfig(), batch.audioMask());
        }
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 1) throw new IllegalArgumentException("the audio of example " + i + " is too short for one frame");
        }
        return lengths;
    }
}
