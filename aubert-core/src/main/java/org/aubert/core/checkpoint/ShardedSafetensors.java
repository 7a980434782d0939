package org.aubert.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.core.tensor.Tensor;

/**
 * A checkpoint split over several safetensors files by a {@code model.safetensors.index.json}
 * ({@code {"metadata": {...}, "weight_map": {tensor: shard file}}}). Every shard is opened and
 * checked against the index: a tensor the index names must be in its shard, and a shard may not hold
 * tensors the index does not list.
 */
public final class ShardedSafetensors implements TensorSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path index;
    private final Map<String, SafetensorsFile> owner;
    private final List<SafetensorsFile> shards;
    private final Map<String, String> metadata;

    private ShardedSafetensors(Path index, Map<String, SafetensorsFile> owner, List<SafetensorsFile> shards,
                               Map<String, String> metadata) {
        this.index = index;
        this.owner = owner;
        this.shards = shards;
        this.metadata = metadata;
    }

    public static ShardedSafetensors open(Path indexFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(indexFile.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidCheckpointException(indexFile + ": not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) throw new InvalidCheckpointException(indexFile + ": no \"weight_map\" object");
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = root.get("metadata");
        if (meta != null && meta.isObject()) meta.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));

        Path dir = indexFile.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> byFile = new LinkedHashMap<>();
        Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String file = e.getValue().asText();
                Path shardPath = dir.resolve(file).normalize();
                if (!e.getValue().isTextual() || !shardPath.startsWith(dir) || !Files.isRegularFile(shardPath)) {
                    throw new InvalidCheckpointException(indexFile + ": tensor '" + e.getKey()
                            + "' is mapped to a missing or invalid shard '" + file + "'");
                }
                SafetensorsFile shard = byFile.get(file);
                if (shard == null) {
                    shard = SafetensorsFile.open(shardPath);
                    byFile.put(file, shard);
                }
                if (!shard.contains(e.getKey())) {
                    throw new InvalidCheckpointException(indexFile + ": tensor '" + e.getKey() + "' is not in shard " + file);
                }
                owner.put(e.getKey(), shard);
            }
            for (Map.Entry<String, SafetensorsFile> s : byFile.entrySet()) {
                for (String name : s.getValue().names()) {
                    if (owner.get(name) != s.getValue()) {
                        throw new InvalidCheckpointException(indexFile + ": shard " + s.getKey() + " holds tensor '" + name
                                + "' that the index maps elsewhere or not at all");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            for (SafetensorsFile f : byFile.values()) f.close();
            throw e;
        }
        return new ShardedSafetensors(indexFile, Collections.unmodifiableMap(owner),
                List.copyOf(new ArrayList<>(byFile.values())), Collections.unmodifiableMap(metadata));
    }

    @Override
    public Set<String> names() { return Collections.unmodifiableSet(new LinkedHashSet<>(owner.keySet())); }

    @Override
    public TensorInfo info(String name) { return shardOf(name).info(name); }

    @Override
    public Tensor get(String name) throws IOException { return shardOf(name).get(name); }

    @Override
    public Map<String, String> metadata() { return metadata; }

    @Override
    public String description() { return index.toString(); }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafetensorsFile f : shards) {
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    private SafetensorsFile shardOf(String name) {
        SafetensorsFile f = owner.get(name);
        if (f == null) throw new NoSuchElementException(index + ": no tensor named '" + name + "'");
        return f;
    }
}
