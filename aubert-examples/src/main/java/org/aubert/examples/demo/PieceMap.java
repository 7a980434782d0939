package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The map from a cut piece's time back to its source recording's, read from the piece's {@code <name>_NNNN.json}
 * ({@code runs_samples} = {@code [[piece_start, source_start, length], ...]}, written by {@code aubert cut}).
 */
record PieceMap(String source, int piece, int sampleRate, List<long[]> runs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static PieceMap read(Path sidecar) throws IOException {
        JsonNode n = JSON.readTree(sidecar.toFile());
        if (!n.path("runs_samples").isArray() || !n.path("sample_rate").isInt()) {
            throw new IOException(sidecar + ": \"runs_samples\" or \"sample_rate\" is missing");
        }
        List<long[]> runs = new ArrayList<>();
        for (JsonNode r : n.get("runs_samples")) runs.add(new long[]{r.get(0).asLong(), r.get(1).asLong(), r.get(2).asLong()});
        return new PieceMap(n.path("source").asText(), n.path("piece").asInt(), n.get("sample_rate").asInt(), runs);
    }

    /** Source time (ms) of a piece time (ms): inside the run holding it, or the nearest run end for a time in no run. */
    double toSourceMs(double pieceMs) {
        double s = pieceMs * sampleRate / 1000.0;
        long[] best = runs.get(0);
        for (long[] r : runs) {
            if (s >= r[0]) best = r;
        }
        double offset = Math.min(Math.max(s - best[0], 0), best[2]);
        return (best[1] + offset) * 1000.0 / sampleRate;
    }

    /** Piece time (ms) of a source time (ms) inside one of the piece's runs, or NaN. */
    double toPieceMs(double sourceMs) {
        double s = sourceMs * sampleRate / 1000.0;
        for (long[] r : runs) {
            if (s >= r[1] && s <= r[1] + r[2]) return (r[0] + s - r[1]) * 1000.0 / sampleRate;
        }
        return Double.NaN;
    }

    /** Whether a source time (ms) lies inside one of the piece's runs. */
    boolean coversSourceMs(double sourceMs) {
        double s = sourceMs * sampleRate / 1000.0;
        for (long[] r : runs) {
            if (s >= r[1] && s < r[1] + r[2]) return true;
        }
        return false;
    }
}
