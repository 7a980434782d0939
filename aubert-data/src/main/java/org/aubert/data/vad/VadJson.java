package org.aubert.data.vad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the {@code voice_activity} list of a libri-light per-file JSON ({@code <name>.json} beside {@code <name>.flac}). */
final class VadJson {
    static final String KEY = "voice_activity";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VadJson() {}

    static List<VadSegment> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new BadInputException(file, "missing VAD JSON (needed by --vad meta)");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new BadInputException(file, "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new BadInputException(file, "not a JSON object");
        return parse(file, root.get(KEY));
    }

    static List<VadSegment> parse(Path file, JsonNode list) throws BadInputException {
        if (list == null || list.isNull()) throw new BadInputException(file, "missing key '" + KEY + "'");
        if (!list.isArray()) throw new BadInputException(file, "key '" + KEY + "' must be a list of [start_s, end_s], got " + kind(list));
        List<VadSegment> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String key = KEY + "[" + i + "]";
            if (!p.isArray() || p.size() != 2) throw new BadInputException(file, "key '" + key + "' must be [start_s, end_s], got " + p);
            for (int j = 0; j < 2; j++) {
                if (!p.get(j).isNumber()) throw new BadInputException(file, "key '" + key + "[" + j + "]' must be a number, got " + p.get(j));
            }
            double a = p.get(0).asDouble();
            double b = p.get(1).asDouble();
            if (!Double.isFinite(a) || !Double.isFinite(b)) throw new BadInputException(file, "key '" + key + "' is not finite: " + p);
            out.add(new VadSegment(a, b));
        }
        return out;
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
