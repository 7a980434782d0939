package org.aubert.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the weights of a model folder the way HuggingFace looks for them: {@code model.safetensors},
 * then {@code model.safetensors.index.json}, then {@code pytorch_model.bin}. A file path is opened by
 * its content (zip = PyTorch, index JSON = shards, otherwise safetensors).
 */
public final class Checkpoints {
    static final String SAFETENSORS = "model.safetensors";
    static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    static final String PYTORCH = "pytorch_model.bin";

    private Checkpoints() {}

    public static TensorSource open(Path dirOrFile) throws IOException {
        if (Files.isDirectory(dirOrFile)) {
            for (String name : List.of(SAFETENSORS, SAFETENSORS_INDEX, PYTORCH)) {
                Path p = dirOrFile.resolve(name);
                if (Files.isRegularFile(p)) return openFile(p);
            }
            throw new InvalidCheckpointException(dirOrFile + ": no weights found (looked for " + SAFETENSORS + ", "
                    + SAFETENSORS_INDEX + ", " + PYTORCH + ")");
        }
        if (!Files.isRegularFile(dirOrFile)) throw new java.nio.file.NoSuchFileException(dirOrFile.toString());
        return openFile(dirOrFile);
    }

    private static TensorSource openFile(Path p) throws IOException {
        if (p.getFileName().toString().endsWith(".index.json")) return ShardedSafetensors.open(p);
        if (startsWithZipMagic(p)) return new MapTensorSource(p.toString(), TorchCheckpointReader.read(p));
        if (p.getFileName().toString().endsWith(".bin") || p.getFileName().toString().endsWith(".pt")) {
            return new MapTensorSource(p.toString(), TorchCheckpointReader.read(p));
        }
        return SafetensorsFile.open(p);
    }

    private static boolean startsWithZipMagic(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
        }
    }
}
