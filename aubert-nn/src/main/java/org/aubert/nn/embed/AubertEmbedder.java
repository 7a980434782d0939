package org.aubert.nn.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.core.tokenize.SpanTokens;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.aubert.SpanPooler;
import org.aubert.nn.bert.BertModel;
import org.aubert.nn.train.Checkpoint;
import org.aubert.nn.wav2vec2.Wav2Vec2Model;

/**
 * Projected AuBERT embeddings from a trained checkpoint: a word or n-gram in its text context, or an audio segment.
 * Both land in the joint space the scorer compares. Text is tokenised with the checkpoint's own vocabulary; audio is
 * normalised as its {@code preprocessor_config.json} says (zero mean, unit variance by default) and must be 16 kHz mono.
 */
public final class AubertEmbedder {
    private final AubertModel model;
    private final BertTokenizer tokenizer;
    private final FeatureExtractor features;

    public AubertEmbedder(AubertModel model, BertTokenizer tokenizer, FeatureExtractor features) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.features = features;
    }

    /** Loads a checkpoint folder (or a trainer output folder: its best/ or last/ checkpoint) for inference. */
    public static AubertEmbedder load(Path checkpoint) throws IOException {
        Path dir = Checkpoint.resolve(checkpoint);
        AubertModel model = Checkpoint.readModel(dir, DataType.FLOAT, false);
        Path vocabDir = Files.isRegularFile(dir.resolve("vocab.txt")) ? dir : model.config().textModel();
        if (vocabDir == null) throw new IOException(dir + ": no vocab.txt in the checkpoint and no text_model folder to take it from");
        FeatureExtractorConfig fe = FeatureExtractorConfig.readOrDefault(dir);
        return new AubertEmbedder(model, BertTokenizer.load(vocabDir), new FeatureExtractor(fe));
    }

    public AubertModel model() { return model; }

    /**
     * The embedding of {@code context.substring(charStart, charEnd)} read in its context: the tokens overlapping the
     * character range (UTF-16 indices, as Java strings) form the span. A context longer than the encoder's positions is
     * cut to a window of tokens centred on the span.
     */
    public float[] embedText(String context, int charStart, int charEnd) {
        int maxTokens = (int) Math.min(model.config().textConfig().maxPositionEmbeddings(), Integer.MAX_VALUE);
        SpanTokens span = SpanTokens.locate(tokenizer, context, charStart, charEnd, maxTokens);
        long[] ids = java.util.Arrays.stream(span.ids()).asLongStream().toArray();
        INDArray idArray = Nd4j.createFromArray(new long[][]{ids});
        DataType dt = model.graph().dtype();
        Map<String, INDArray> in = new HashMap<>(BertModel.inputs(idArray, null, null, model.config().textConfig(), dt));
        in.put(AubertModel.SPAN_MASK, SpanPooler.spanMask(new long[]{span.start()}, new long[]{span.end()}, ids.length, dt));
        return run(in, AubertModel.TEXT_EMBEDDING);
    }

    /** The embedding of a 16 kHz mono segment. */
    public float[] embedAudio(float[] wave16k) {
        long frames = model.config().audioConfig().framesForSamples(wave16k.length);
        if (frames < 1) throw new IllegalArgumentException(wave16k.length + " samples are too few for one frame of the audio encoder");
        DataType dt = model.graph().dtype();
        // The runner looks up embedding rows for every id input before running; one [CLS] token satisfies it and the
        // audio embedding does not depend on it.
        INDArray dummyIds = Nd4j.createFromArray(new long[][]{{tokenizer.tokenToId(tokenizer.config().clsToken())}});
        Map<String, INDArray> in = new HashMap<>(BertModel.inputs(dummyIds, null, null, model.config().textConfig(), dt));
        in.put(AubertModel.INPUT_VALUES, Nd4j.createFromArray(new float[][]{features.normalize(wave16k)}).castTo(dt));
        in.put(AubertModel.FRAME_MASK, Wav2Vec2Model.frameMask(new long[]{frames}, frames, dt));
        return run(in, AubertModel.AUDIO_EMBEDDING);
    }

    private float[] run(Map<String, INDArray> in, String output) {
        INDArray out = model.runner().outputWithoutDropout(in, Map.of(), output).get(output);
        return out.castTo(DataType.FLOAT).reshape(out.length()).toFloatVector();
    }
}
