package org.aubert.nn.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.core.io.AtomicFiles;

/**
 * {@code metrics.jsonl}: one JSON object per line, {@code "type": "train"} per update and {@code "type": "eval"} per
 * evaluation, each with its {@code "step"}. Lines are appended whole and flushed, so a crash loses at most the line
 * being written; a resumed run first drops the lines after its checkpoint's step, so the file reads as one run.
 */
final class MetricsLog {
    static final String FILE_NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    MetricsLog(Path dir) { this.file = dir.resolve(FILE_NAME); }

    Path file() { return file; }

    void append(Map<String, Object> record) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String line = JSON.writeValueAsString(record) + "\n";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(line);
        }
    }

    /** Starts a fresh log (a new run) or keeps only the records up to {@code step} (a resumed one), atomically. */
    void truncateAfter(long step) throws IOException {
        if (!Files.exists(file)) return;
        StringBuilder kept = new StringBuilder();
        for (JsonNode n : read()) if (n.path("step").asLong() <= step) kept.append(JSON.writeValueAsString(n)).append('\n');
        AtomicFiles.writeString(file, kept.toString());
    }

    /** Every record; a torn last line (a crash mid-write) is dropped, a malformed line elsewhere is an error. */
    List<JsonNode> read() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                out.add(JSON.readTree(lines.get(i)));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) break;
                throw new IOException(file + " line " + (i + 1) + ": not valid JSON: " + e.getOriginalMessage());
            }
        }
        return out;
    }
}
