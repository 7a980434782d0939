package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.nn.ctc.CtcBatch;
import org.aubert.nn.ctc.CtcModel;
import org.aubert.nn.ctc.CtcSpanSampler;
import org.aubert.nn.ctc.CtcTrainingData;
import org.aubert.nn.ctc.CtcVocabFiles;
import org.aubert.nn.train.BatchStream;
import org.aubert.nn.train.ProgressBarListener;
import org.aubert.nn.train.Trainer;
import org.aubert.nn.train.TrainerConfig;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * {@code aubert train-ctc}: trains or fine-tunes a HuBERT / wav2vec2 CTC model (HF's *ForCTC) with the project's
 * trainer, from an HF *ForCTC folder or from a config (a fresh model whose vocabulary is the training transcripts'
 * characters). The run folder holds {@code last/} and {@code best/}, each a complete HF folder.
 */
@Command(name = "train-ctc", mixinStandardHelpOptions = true,
        description = "Train or fine-tune a CTC head and encoder (HubertForCTC style) on (audio, transcript) pairs.")
final class TrainCtcCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(TrainCtcCommand.class);

    static final class Input {
        @Option(names = "--train", required = true, description = "TSV of 'audio path<TAB>transcript' lines (paths relative to the file).")
        Path tsv;

        @Option(names = "--corpus", required = true, description = "Demo-corpus folder (truth.json, split.json, audio/): trains on 'train', evaluates on 'held_out'.")
        Path corpus;
    }

    static final class Start {
        @Option(names = "--model", required = true, description = "HF *ForCTC folder to fine-tune (config.json, weights with lm_head, vocab.json).")
        Path model;

        @Option(names = "--config", required = true, description = "HF HuBERT / wav2vec2 config.json for a fresh, randomly initialised model; "
                + "its vocabulary is built from the training transcripts.")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Start start;

    @Option(names = "--val", description = "Held-out TSV (with --train); without it there is no evaluation and no best/.")
    Path val;

    @Option(names = "--output", required = true, description = "Run folder: last/ and best/ (HF folders), metrics.jsonl, PNG curves.")
    Path output;

    @Option(names = "--segments", description = "With --corpus: train on whole files, on their sentences, on chunks of --chunk-words words, "
            + "or on random word spans redrawn every epoch with speed and noise perturbation (cut with truth.json's word times); "
            + "held-out files are always evaluated whole: FILES, SENTENCES, CHUNKS or SPANS (default ${DEFAULT-VALUE}).")
    CtcTrainingData.Segments segments = CtcTrainingData.Segments.SENTENCES;

    @Option(names = "--chunk-words", description = "Words per chunk with --segments CHUNKS (default ${DEFAULT-VALUE}).")
    int chunkWords = 3;

    @Option(names = "--chunk-stride", description = "Words between chunk starts with --segments CHUNKS; below --chunk-words the chunks overlap (default: --chunk-words).")
    Integer chunkStride;

    @Option(names = "--span-words", description = "With --segments SPANS: words per span, MIN:MAX (default ${DEFAULT-VALUE}).")
    String spanWords = "4:16";

    @Option(names = "--speed", description = "With --segments SPANS: speed factors, MIN:MAX (default ${DEFAULT-VALUE}; 1:1 = off).")
    String speed = "0.85:1.15";

    @Option(names = "--noise", description = "With --segments SPANS: share of spans with white noise (default ${DEFAULT-VALUE}).")
    double noise = 0.5;

    @Option(names = "--snr-db", description = "With --segments SPANS: noise SNR in dB, MIN:MAX (default ${DEFAULT-VALUE}).")
    String snrDb = "15:40";

    @Option(names = "--resume", description = "Continue the run in --output from its last/ checkpoint.")
    boolean resume;

    @Option(names = "--max-steps", description = "Optimiser updates (default ${DEFAULT-VALUE}).")
    long maxSteps = 1000;

    @Option(names = "--lr", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double lr = 1e-4;

    @Option(names = "--warmup-steps", description = "Linear warm-up steps (default ${DEFAULT-VALUE}).")
    long warmup = 100;

    @Option(names = "--batch-size", description = "Utterances per batch (default ${DEFAULT-VALUE}).")
    int batchSize = 8;

    @Option(names = "--accumulation", description = "Batches per update (default ${DEFAULT-VALUE}).")
    int accumulation = 1;

    @Option(names = "--eval-every", description = "Evaluate (CER/WER) and checkpoint every N steps, 0 = at the end (default ${DEFAULT-VALUE}).")
    long evalEvery = 100;

    @Option(names = "--clip", description = "Global gradient-norm limit, 0 = off (default ${DEFAULT-VALUE}).")
    double clip = 1.0;

    @Option(names = "--weight-decay", description = "AdamW weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay = 0.0;

    @Option(names = "--ctc-loss-reduction", description = "sum or mean, for a fresh model (--config); a --model keeps its own (default ${DEFAULT-VALUE}).")
    String reduction = "mean";

    @Option(names = "--freeze-feature-encoder", description = "Do not train the conv feature encoder (HF's freeze_feature_encoder()).")
    boolean freezeFeatureEncoder;

    @Option(names = "--seed", description = "Seed of initialisation, dropout and data order (default ${DEFAULT-VALUE}).")
    long seed;

    /** "MIN:MAX" (or one number for both) as two numbers, MIN <= MAX. */
    static double[] range(String option, String value) {
        String[] parts = value.split(":", -1);
        try {
            double lo = Double.parseDouble(parts[0].strip());
            double hi = parts.length == 1 ? lo : Double.parseDouble(parts[1].strip());
            if (parts.length > 2 || hi < lo) throw new NumberFormatException();
            return new double[]{lo, hi};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected MIN:MAX with MIN <= MAX, got '" + value + "'");
        }
    }

    @Override
    public Integer call() throws Exception {
        Path last = output.resolve(Trainer.LAST);
        if (!resume && Files.exists(last)) {
            throw new IOException(output + " already holds a run (" + last + "); pass --resume to continue it or choose another --output");
        }
        if (val != null && input.corpus != null) throw new IllegalArgumentException("--val goes with --train; --corpus has its own held-out split");
        CtcTrainingData.Listing trainList;
        CtcTrainingData.Listing valList = null;
        if (input.corpus != null) {
            CtcTrainingData.CorpusSplit split = CtcTrainingData.readCorpus(input.corpus, segments, chunkWords, chunkStride == null ? chunkWords : chunkStride);
            trainList = split.train();
            valList = split.heldOut();
        } else {
            trainList = CtcTrainingData.readTsv(input.tsv);
            if (val != null) valList = CtcTrainingData.readTsv(val);
        }
        trainList.errors().forEach(e -> log.warn("skipped {}", e));
        if (valList != null) valList.errors().forEach(e -> log.warn("skipped {}", e));
        if (trainList.items().isEmpty()) throw new IllegalArgumentException("no training pairs");

        AudioEncoder.Options options = new AudioEncoder.Options(DataType.FLOAT, true, freezeFeatureEncoder);
        CtcModel model;
        FeatureExtractor features;
        if (start.model != null) {
            model = CtcModel.load(resume && Files.exists(last) ? last : start.model, options);
            features = new FeatureExtractor(FeatureExtractorConfig.readOrDefault(start.model));
        } else {
            List<String> tokens = CtcVocabFiles.tokensOf(trainList.items().stream().map(i -> CtcTrainingData.normaliseTranscript(i.transcript())).toList());
            Path vocabDir = CtcVocabFiles.write(output.resolve("vocab"), tokens);
            Wav2Vec2Config base = Wav2Vec2Config.load(start.config);
            ObjectNode json = base.toJson("ForCTC");
            json.put("vocab_size", tokens.size());
            json.put("pad_token_id", 0);
            Wav2Vec2Config cfg = Wav2Vec2Config.fromJson(start.config.toString(), json);
            model = CtcModel.create(cfg, Options.parse(CtcModel.Reduction.class, "--ctc-loss-reduction", reduction), false, vocabDir,
                    options, seed);
            features = new FeatureExtractor(FeatureExtractorConfig.DEFAULT);
            log.info("train-ctc: fresh {} model, {} tokens: {}", cfg.modelType().hfName(), tokens.size(), String.join("", tokens.subList(5, tokens.size())));
        }
        CtcTokenizer tok = model.tokenizer();
        Wav2Vec2Config mc = model.encoder().config();
        int rate = features.config().samplingRate();
        BatchStream<CtcBatch> trainData;
        int trainErrors;
        if (segments == CtcTrainingData.Segments.SPANS) {
            if (input.corpus == null) throw new IllegalArgumentException("--segments SPANS needs --corpus (word times from truth.json)");
            double[] w = range("--span-words", spanWords);
            double[] sp = range("--speed", speed);
            double[] snr = range("--snr-db", snrDb);
            CtcSpanSampler.Augmentation aug = CtcSpanSampler.Augmentation.DEFAULT.withWords((int) w[0], (int) w[1]).withSpeed(sp[0], sp[1])
                    .withNoise(noise, snr[0], snr[1]);
            CtcSpanSampler spans = CtcSpanSampler.fromCorpus(input.corpus, features, tok, mc, batchSize, aug);
            log.info("train-ctc: training {}", spans.summary());
            trainData = spans;
            trainErrors = spans.errors().size();
        } else {
            CtcTrainingData fixed = CtcTrainingData.load(trainList.items(), features, tok, mc, batchSize);
            log.info("train-ctc: training {}", fixed.summary(rate));
            if (fixed.size() == 0) throw new IllegalArgumentException("no usable training pairs (see the warnings above)");
            trainData = fixed;
            trainErrors = fixed.report().errors().size();
        }
        CtcTrainingData valData = valList == null ? null : CtcTrainingData.load(valList.items(), features, tok, mc, batchSize);
        if (valData != null) log.info("train-ctc: held out {}", valData.summary(rate));
        TrainerConfig tc = TrainerConfig.DEFAULT.withSchedule(lr, warmup, maxSteps).withClipNorm(clip).withWeightDecay(weightDecay)
                .withAccumulation(accumulation).withEvalEvery(evalEvery).withSeed(seed);
        var trainer = new Trainer<>(model, tc, output).addListener(new ProgressBarListener("train-ctc"));
        if (resume && Files.exists(last)) trainer.resume(last);
        var s = trainer.fit(trainData, valData == null || valData.size() == 0 ? null : valData);
        int skipped = trainList.errors().size() + trainErrors
                + (valList == null ? 0 : valList.errors().size() + valData.report().errors().size());
        log.info("train-ctc: {} steps ({} skipped) in {} s; last loss {}{}; {} bad items skipped; model folders {} and {}",
                s.steps(), s.skippedSteps(), String.format(Locale.ROOT, "%.1f", s.seconds()), String.format(Locale.ROOT, "%.4f", s.lastLoss()),
                s.lastEvaluation() == null ? "" : "; held out " + s.lastEvaluation().summary(), skipped,
                output.resolve(Trainer.BEST), last);
        return 0;
    }

}
