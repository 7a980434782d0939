package org.aubert.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.core.io.AtomicFiles;
import org.aubert.data.batch.BatchLoader;
import org.aubert.data.batch.LoaderConfig;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.aubert.EvaluationReport;
import org.aubert.nn.aubert.Evaluator;
import org.aubert.nn.train.Checkpoint;

/** {@code aubert evaluate}: retrieval accuracy of a checkpoint on held-out shards, with chance level beside. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Text->audio and audio->text retrieval of a checkpoint on n-gram groups; prints chance beside, writes a JSON report.")
final class EvaluateCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(EvaluateCommand.class);

    @Option(names = "--checkpoint", required = true, description = "Checkpoint folder (or a pretrain output folder: its best/ or last/).")
    Path checkpoint;

    @Option(names = "--data", required = true, description = "Shards to evaluate on (a folder of *.shard or one file).")
    Path data;

    @Option(names = "--batch-size", description = "Largest batch; bigger n-gram groups are split (default ${DEFAULT-VALUE}).")
    int batchSize = LoaderConfig.DEFAULT.maxBatchSize();

    @Option(names = "--crop-audio", description = "Audio samples kept per instance (default ${DEFAULT-VALUE}).")
    int cropAudio = LoaderConfig.DEFAULT.cropSamples();

    @Option(names = "--report", description = "JSON report to write (default: evaluation.json in the checkpoint folder).")
    Path report;

    @Override
    public Integer call() throws Exception {
        Path dir = Checkpoint.resolve(checkpoint);
        AubertModel model = Checkpoint.readModel(dir, DataType.FLOAT, false);
        Path vocab = Files.isRegularFile(dir.resolve("vocab.txt")) ? dir : model.config().textModel();
        Path audio = Files.isRegularFile(dir.resolve("preprocessor_config.json")) ? dir : model.config().audioModel();
        LoaderConfig lc = LoaderConfig.DEFAULT.withMaxBatchSize(batchSize).withCropSamples(cropAudio);
        int maxTokens = (int) Math.min(model.config().textConfig().maxPositionEmbeddings(), Integer.MAX_VALUE);
        EvaluationReport r;
        try (BatchLoader loader = ShardData.open(data, vocab, audio, lc, maxTokens, DataType.FLOAT)) {
            r = Evaluator.evaluate(model, loader);
        }
        Path out = report != null ? report : dir.resolve("evaluation.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(out, o -> json.writeValue(o, r.toMap()));
        log.info("evaluate: {} on {}: {}; report {}", dir, data, r.summary(), out);
        return 0;
    }
}
