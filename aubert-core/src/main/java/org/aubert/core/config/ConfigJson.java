package org.aubert.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Typed access to a config JSON object (HuggingFace {@code config.json}, {@code aubert.json}): absent or null fields take the given default (HF's
 * own), fields of the wrong type are refused naming the file and key, unknown fields are ignored.
 */
public final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final JsonNode root;

    private ConfigJson(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    static ConfigJson read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": no such config file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException(file + ": not a JSON object");
        return new ConfigJson(file.toString(), root);
    }

    public static ConfigJson of(String source, JsonNode root) { return new ConfigJson(source, root); }

    /** The start of a config.json: architectures, model_type and the transformer sizes every HF config has. */
    static com.fasterxml.jackson.databind.node.ObjectNode header(String architecture, String modelType, int vocab, int hidden,
                                                                 int layers, int heads, int intermediate, Activation act) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add(architecture);
        n.put("model_type", modelType);
        n.put("vocab_size", vocab);
        n.put("hidden_size", hidden);
        n.put("num_hidden_layers", layers);
        n.put("num_attention_heads", heads);
        n.put("intermediate_size", intermediate);
        n.put("hidden_act", act.hfName());
        return n;
    }

    /** Writes a config atomically, pretty-printed as HF does. */
    static void write(Path file, JsonNode n) throws IOException {
        org.aubert.core.io.AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    public String source() { return source; }

    private JsonNode field(String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? null : n;
    }

    public int getInt(String key, int dflt) {
        JsonNode n = field(key);
        if (n == null) return dflt;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw bad(key, n, "an integer");
        return n.asInt();
    }

    public long getLong(String key, long dflt) {
        JsonNode n = field(key);
        if (n == null) return dflt;
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw bad(key, n, "an integer");
        return n.asLong();
    }

    public double getDouble(String key, double dflt) {
        JsonNode n = field(key);
        if (n == null) return dflt;
        if (!n.isNumber()) throw bad(key, n, "a number");
        return n.asDouble();
    }

    public boolean getBool(String key, boolean dflt) {
        JsonNode n = field(key);
        if (n == null) return dflt;
        if (!n.isBoolean()) throw bad(key, n, "true or false");
        return n.asBoolean();
    }

    public String getString(String key, String dflt) {
        JsonNode n = field(key);
        if (n == null) return dflt;
        if (!n.isTextual()) throw bad(key, n, "a string");
        return n.asText();
    }

    int[] getIntArray(String key, int[] dflt) {
        JsonNode n = field(key);
        if (n == null) return dflt.clone();
        if (!n.isArray()) throw bad(key, n, "an array of integers");
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) throw bad(key, n, "an array of integers");
            out[i] = e.asInt();
        }
        return out;
    }

    /** The same error, its message prefixed with this file unless it already names it. */
    public ConfigException withSource(ConfigException e) {
        return e.getMessage().startsWith(source + ": ") ? e : new ConfigException(source + ": " + e.getMessage());
    }

    /** Fails naming the file and key when {@code ok} is false. */
    void require(boolean ok, String key, String what) {
        if (!ok) throw new ConfigException(source + ": " + key + " " + what);
    }

    private ConfigException bad(String key, JsonNode n, String expected) {
        return new ConfigException(source + ": \"" + key + "\" is " + n + ", expected " + expected);
    }
}
