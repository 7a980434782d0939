package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;

/** Every oracle case through {@code aubert encode}: last_hidden_state or logits within 1e-4 of the reference. */
class EncodeCommandTest {
    private static final double TOL = 1e-4;
    @TempDir Path tmp;

    static Path oracle(String rel) {
        try {
            return Path.of(EncodeCommandTest.class.getResource("/testdata/oracles/" + rel).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> cases() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(oracle("cases.json").toFile()).get("cases").forEach(out::add);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeMatchesTheReference(JsonNode c) throws Exception {
        JsonNode in = c.get("inputs");
        JsonNode exp = c.get("expected");
        boolean text = c.get("kind").asText().equals("text");
        String key = exp.has("logits") ? "logits" : "last_hidden_state";
        String head = key.equals("logits") ? (text ? "mlm" : "ctc") : "none";
        Path out = tmp.resolve("y.npy");
        List<String> args = new ArrayList<>(List.of("encode", "--model", oracle(c.get("model_dir").asText()).toString(),
                "--input", oracle(in.get(text ? "input_ids" : "input_values").asText()).toString(),
                "--output", out.toString(), "--head", head));
        if (in.hasNonNull("attention_mask")) args.addAll(List.of("--attention-mask", oracle(in.get("attention_mask").asText()).toString()));
        if (in.hasNonNull("token_type_ids")) args.addAll(List.of("--token-type-ids", oracle(in.get("token_type_ids").asText()).toString()));
        assertEquals(0, run(args.toArray(String[]::new)));
        Tensor mask = c.hasNonNull("compare_mask") ? Npy.read(oracle(c.get("compare_mask").asText())) : null;
        double err = maxAbsDiff(Npy.read(out), Npy.read(oracle(exp.get(key).asText())), mask);
        System.out.printf("encode %s %s max|d|=%.3g%n", c.get("id").asText(), key, err);
        assertTrue(err <= TOL, c.get("id").asText() + " " + key + " max|d|=" + err);
    }

    /** pytorch_model.bin and model.safetensors of the same model give identical outputs. */
    @Test
    void torchBinAndSafetensorsGiveIdenticalOutputs() throws Exception {
        for (String[] m : new String[][]{{"bert_tiny", "text/inputs/input_ids.npy", "none"},
                {"wav2vec2_base_ctc_tiny", "audio/inputs/batch_input_values.npy", "ctc"},
                {"hubert_base_tiny", "audio/inputs/batch_input_values.npy", "none"}}) {
            Path binDir = Files.createDirectories(tmp.resolve(m[0] + "-bin"));
            Path src = oracle("models/" + m[0]);
            try (var files = Files.list(src)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!f.getFileName().toString().equals("model.safetensors")) Files.copy(f, binDir.resolve(f.getFileName()));
                }
            }
            Files.copy(Path.of(getClass().getResource("/testdata/torch/" + m[0] + "/pytorch_model.bin").toURI()),
                    binDir.resolve("pytorch_model.bin"));
            Path a = tmp.resolve(m[0] + "-st.npy");
            Path b = tmp.resolve(m[0] + "-bin.npy");
            assertEquals(0, run("encode", "--model", src.toString(), "--input", oracle(m[1]).toString(), "--output", a.toString(), "--head", m[2]));
            assertEquals(0, run("encode", "--model", binDir.toString(), "--input", oracle(m[1]).toString(), "--output", b.toString(), "--head", m[2]));
            Tensor ta = Npy.read(a);
            Tensor tb = Npy.read(b);
            assertArrayEquals(ta.shape(), tb.shape());
            assertTrue(ta.contentEquals(tb), m[0] + ": outputs differ between .bin and .safetensors");
        }
    }

    @Test
    void wrongHeadOrInputIsAClearError() {
        StringWriter err = new StringWriter();
        String bert = oracle("models/bert_tiny").toString();
        assertEquals(1, run(err, "encode", "--model", bert, "--input", oracle("text/inputs/input_ids.npy").toString(),
                "--output", tmp.resolve("z.npy").toString(), "--head", "ctc"));
        assertTrue(err.toString().contains("--head ctc needs an audio model"), err.toString());
        assertEquals(1, run(err, "encode", "--model", bert, "--input", oracle("audio/inputs/single0_input_values.npy").toString(),
                "--output", tmp.resolve("z.npy").toString()));
        assertTrue(err.toString().contains("text models take integer input_ids, got F32"), err.toString());
        assertEquals(1, run(err, "encode", "--model", oracle("models/hubert_base_tiny").toString(),
                "--input", oracle("audio/inputs/single0_input_values.npy").toString(), "--output", tmp.resolve("z.npy").toString(),
                "--head", "ctc"));
        assertTrue(err.toString().contains("has no lm_head"), err.toString());
        assertTrue(!Files.exists(tmp.resolve("z.npy")));
    }

    private static int run(String... args) { return run(new StringWriter(), args); }

    private static int run(StringWriter err, String... args) {
        var cl = AubertCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Max |a - b| (as doubles) over rows whose mask entry is 1. */
    static double maxAbsDiff(Tensor a, Tensor b, Tensor rowMask) {
        assertArrayEquals(b.shape(), a.shape(), "shape");
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        long[] m = rowMask == null ? null : rowMask.toLongArray();
        int inner = rowMask == null ? 1 : (int) (x.length / m.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            if (m != null && m[i / inner] == 0) continue;
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }
}
