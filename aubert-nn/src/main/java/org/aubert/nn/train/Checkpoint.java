package org.aubert.nn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.aubert.core.checkpoint.SafetensorsFile;
import org.aubert.core.checkpoint.SafetensorsWriter;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.core.config.ConfigException;
import org.aubert.core.io.AtomicFiles;
import org.aubert.core.tensor.Tensor;
import org.aubert.nn.NdArrays;
import org.aubert.nn.aubert.AubertConfig;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.weights.LoadSpec;
import org.aubert.nn.weights.WeightLoader;

/**
 * An AuBERT checkpoint directory (DESIGN.md): {@code aubert.json}, {@code model.safetensors} (every parameter under its
 * graph name, HF names inside {@code text.} / {@code audio.}), and for resuming {@code optimizer.safetensors} and
 * {@code trainer.json} ({@code {"config": ..., "state": ...}}). The text model's tokenizer files and the audio model's
 * {@code preprocessor_config.json} are copied in, so a checkpoint embeds text and audio on its own.
 *
 * <p>Writing is atomic: everything goes into a hidden temporary directory beside the target, which then replaces the
 * target by two renames (old target aside, new one in place, old one deleted), so a reader sees the old or the new
 * checkpoint, never a mix.
 */
public final class Checkpoint {
    public static final String MODEL_FILE = "model.safetensors";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    public static final String TRAINER_FILE = "trainer.json";
    /** Files copied from the encoder folders when present. */
    static final List<String> TEXT_FILES = List.of("vocab.txt", "tokenizer_config.json", "special_tokens_map.json");
    static final List<String> AUDIO_FILES = List.of("preprocessor_config.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {}

    /** What {@link #readTraining} gives back: the trainer's settings, its position and the optimiser state. */
    public record TrainingState(TrainerConfig config, TrainerState state, Map<String, INDArray> optimizerState) {}

    /**
     * Writes {@code dir} atomically: the model's part ({@link TrainableModel#writeCheckpoint}), and when
     * {@code training} is not null the optimiser state, trainer config and state.
     */
    public static void write(Path dir, TrainableModel<?, ?> model, TrainingState training) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
        try {
            model.writeCheckpoint(tmp, dir);
            if (training != null) {
                Map<String, Tensor> opt = new LinkedHashMap<>();
                training.optimizerState().forEach((k, v) -> opt.put(k, NdArrays.toTensor(v)));
                SafetensorsWriter.write(tmp.resolve(OPTIMIZER_FILE), opt, Map.of("optimizer",
                        training.config().optimizer().name().toLowerCase(java.util.Locale.ROOT)));
                ObjectNode t = JSON.createObjectNode();
                t.set("config", training.config().toJson());
                t.set("state", training.state().toJson());
                AtomicFiles.writeString(tmp.resolve(TRAINER_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(t));
            }
            replace(tmp, abs);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /**
     * The AuBERT model part of a checkpoint, written into {@code tmp}: {@code aubert.json}, every parameter under its
     * graph name, and the encoders' helper files (from their folders, else from {@code previous}).
     */
    public static void writeAubertModel(Path tmp, AubertModel model, Path previous) throws IOException {
        model.config().save(tmp.resolve(AubertConfig.FILE_NAME));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : model.graph().parameterNames()) weights.put(name, NdArrays.toTensor(model.graph().parameter(name)));
        SafetensorsWriter.write(tmp.resolve(MODEL_FILE), weights, Map.of("format", "aubert"));
        copyFrom(model.config().textModel(), TEXT_FILES, tmp, previous);
        copyFrom(model.config().audioModel(), AUDIO_FILES, tmp, previous);
    }

    /** Copies the helper files from the encoder folder, or failing that from the checkpoint being replaced. */
    private static void copyFrom(Path modelDir, List<String> names, Path tmp, Path previous) throws IOException {
        for (String name : names) {
            Path src = modelDir != null && Files.isRegularFile(modelDir.resolve(name)) ? modelDir.resolve(name) : previous.resolve(name);
            if (Files.isRegularFile(src)) Files.copy(src, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) deleteTree(old);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    /**
     * The checkpoint directory meant by {@code path}: the folder itself when it holds {@code aubert.json}, else its
     * {@code best/} or, failing that, {@code last/} sub-folder (the layout the trainer writes).
     */
    public static Path resolve(Path path) throws IOException {
        if (Files.isRegularFile(path.resolve(AubertConfig.FILE_NAME))) return path;
        for (String sub : new String[]{Trainer.BEST, Trainer.LAST}) {
            if (Files.isRegularFile(path.resolve(sub).resolve(AubertConfig.FILE_NAME))) return path.resolve(sub);
        }
        throw new NoSuchFileException(path.toString(), null, "not an AuBERT checkpoint (no aubert.json here or in best/ or last/)");
    }

    /** The model saved in {@code dir} ({@link #resolve}d), every parameter loaded with the strict key check. */
    public static AubertModel readModel(Path dir, DataType dtype, boolean training) throws IOException {
        Path d = resolve(dir);
        AubertModel model = AubertModel.create(AubertConfig.load(d), dtype, training);
        try (TensorSource source = SafetensorsFile.open(d.resolve(MODEL_FILE))) {
            WeightLoader.load(model.graph(), source, new LoadSpec(List.of(), Map.of(), List.of()));
        }
        return model;
    }

    /** The trainer part of {@code dir}; refused with the file named when it is missing or malformed. */
    public static TrainingState readTraining(Path dir, DataType dtype) throws IOException {
        Path file = dir.resolve(TRAINER_FILE);
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "cannot resume: no trainer state");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException(file + ": not a JSON object");
        TrainerConfig config = TrainerConfig.fromJson(file + " config", root.get("config"));
        TrainerState state = TrainerState.fromJson(file.toString(), root.get("state"));
        Map<String, INDArray> opt = new LinkedHashMap<>();
        try (TensorSource source = SafetensorsFile.open(dir.resolve(OPTIMIZER_FILE))) {
            for (String name : source.names()) opt.put(name, NdArrays.toArray(source.get(name), dtype));
        }
        return new TrainingState(config, state, opt);
    }
}
