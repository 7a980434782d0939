package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.data.batch.BatchLoader;
import org.aubert.data.batch.LoaderConfig;
import org.aubert.nn.aubert.AubertConfig;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.train.ProgressBarListener;
import org.aubert.nn.train.Trainer;
import org.aubert.nn.train.TrainerConfig;

/** {@code aubert pretrain}: contrastive AuBERT pre-training on training shards, with the original trainer's options. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Contrastive AuBERT pre-training from HF text and audio encoders on training shards.")
final class PretrainCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(PretrainCommand.class);
    private static final TrainerConfig T = TrainerConfig.DEFAULT;

    @Option(names = "--train", required = true, description = "Training shards (a folder of *.shard or one file).")
    Path train;

    @Option(names = "--val", description = "Validation shards; without them there is no evaluation and no best/ checkpoint.")
    Path val;

    @Option(names = "--text-model", required = true, description = "HF BERT folder (config.json, weights, vocab.txt).")
    Path textModel;

    @Option(names = "--audio-model", required = true, description = "HF HuBERT / wav2vec2 folder.")
    Path audioModel;

    @Option(names = "--output", required = true, description = "Run folder: last/ and best/ checkpoints, metrics.jsonl, PNG curves.")
    Path output;

    @Option(names = "--resume", description = "Continue the run in --output from its last/ checkpoint.")
    boolean resume;

    @Option(names = "--lr", description = "Base learning rate (default ${DEFAULT-VALUE}).")
    double lr = T.learningRate();

    @Option(names = "--warmup-steps", description = "Linear warm-up steps (default ${DEFAULT-VALUE}).")
    long warmup = T.warmupSteps();

    @Option(names = "--max-steps", description = "Optimiser updates in the run (default ${DEFAULT-VALUE}).")
    long maxSteps = T.maxSteps();

    @Option(names = "--num-cycles", description = "Cosine waves after warm-up (default ${DEFAULT-VALUE}).")
    double numCycles = T.numCycles();

    @Option(names = "--clip", description = "Global gradient-norm limit, 0 = off (default ${DEFAULT-VALUE}).")
    double clip = T.clipNorm();

    @Option(names = "--optimizer", description = "adamw or adagrad (default adamw).")
    String optimizer = "adamw";

    @Option(names = "--weight-decay", description = "AdamW weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay = T.weightDecay();

    @Option(names = "--accumulation", description = "Batches per update (default ${DEFAULT-VALUE}).")
    int accumulation = T.accumulationSteps();

    @Option(names = "--batch-size", description = "Largest batch; bigger n-gram groups are split (default ${DEFAULT-VALUE}).")
    int batchSize = LoaderConfig.DEFAULT.maxBatchSize();

    @Option(names = "--crop-audio", description = "Audio samples kept per instance (default ${DEFAULT-VALUE}).")
    int cropAudio = LoaderConfig.DEFAULT.cropSamples();

    @Option(names = "--eval-every", description = "Evaluate and checkpoint every N steps, 0 = at the end (default ${DEFAULT-VALUE}).")
    long evalEvery = T.evalEvery();

    @Option(names = "--projection-dim", description = "Joint embedding size (default ${DEFAULT-VALUE}).")
    int projectionDim = AubertConfig.DEFAULT_PROJECTION_DIM;

    @Option(names = "--projection-head", description = "mlp or linear (default mlp).")
    String head = "mlp";

    @Option(names = "--scorer", description = "mlp (pair network over [H_T; H_A]), cosine, or centred_cosine (cosine after subtracting each side's batch mean; for n-gram-group batches) (default mlp).")
    String scorer = "mlp";

    @Option(names = "--pooling", description = "mean, max, all (mean and max) or mean_length (mean and ln of the length pooled) (default mean).")
    String pooling = "mean";

    @Option(names = "--mlm-weight", description = "Weight of the auxiliary masked-LM loss (default 0: none).")
    double mlmWeight;

    @Option(names = "--train-feature-encoder", description = "Also train the audio conv feature extractor (frozen by default).")
    boolean trainFeatureEncoder;

    @Option(names = "--loader-threads", description = "Background batch threads (default ${DEFAULT-VALUE}).")
    int loaderThreads = LoaderConfig.DEFAULT.threads();

    @Option(names = "--seed", description = "Seed of initialisation, dropout and data order (default ${DEFAULT-VALUE}).")
    long seed = T.seed();

    @Override
    public Integer call() throws Exception {
        AubertConfig cfg = AubertConfig.forPretrained(textModel, audioModel)
                .withPooling(Options.parse(AubertConfig.Pooling.class, "--pooling", pooling))
                .withProjection(Options.parse(AubertConfig.ProjectionHeadType.class, "--projection-head", head), projectionDim,
                        AubertConfig.DEFAULT_HEAD_DROPOUT)
                .withScorer(Options.parse(AubertConfig.ScorerType.class, "--scorer", scorer))
                .withMlmWeight(mlmWeight)
                .withFreezeFeatureEncoder(!trainFeatureEncoder)
                .withSeed(seed);
        TrainerConfig tc = T.withOptimizer(Options.parse(TrainerConfig.OptimizerType.class, "--optimizer", optimizer))
                .withSchedule(lr, warmup, maxSteps).withNumCycles(numCycles).withClipNorm(clip).withWeightDecay(weightDecay)
                .withAccumulation(accumulation).withEvalEvery(evalEvery).withSeed(seed);
        LoaderConfig lc = LoaderConfig.DEFAULT.withMaxBatchSize(batchSize).withCropSamples(cropAudio)
                .withThreads(loaderThreads, LoaderConfig.DEFAULT.prefetch());
        int maxTokens = (int) Math.min(cfg.textConfig().maxPositionEmbeddings(), Integer.MAX_VALUE);
        Path last = output.resolve(Trainer.LAST);
        if (!resume && Files.exists(last)) {
            throw new IOException(output + " already holds a run (" + last + "); pass --resume to continue it or choose another --output");
        }
        AubertModel model = AubertModel.fromPretrained(cfg, DataType.FLOAT, true);
        try (BatchLoader trainData = ShardData.open(train, textModel, audioModel, lc, maxTokens, DataType.FLOAT);
             BatchLoader valData = val == null ? null : ShardData.open(val, textModel, audioModel, lc, maxTokens, DataType.FLOAT)) {
            log.info("pretrain: {} training batches per epoch{}", trainData.batches(),
                    valData == null ? ", no validation" : ", " + valData.batches() + " validation batches");
            var trainer = new Trainer<>(model, tc, output).addListener(new ProgressBarListener());
            if (resume && Files.exists(last)) trainer.resume(last);
            var s = trainer.fit(trainData, valData);
            log.info("pretrain: {} steps ({} skipped) in {} s; last loss {}{}; checkpoints in {}", s.steps(), s.skippedSteps(),
                    String.format(java.util.Locale.ROOT, "%.1f", s.seconds()), String.format(java.util.Locale.ROOT, "%.4f", s.lastLoss()),
                    s.lastEvaluation() == null ? "" : "; validation " + s.lastEvaluation().summary(), output);
        }
        return 0;
    }
}
