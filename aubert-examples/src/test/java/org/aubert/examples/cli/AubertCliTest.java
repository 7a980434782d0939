package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AubertCliTest {
    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(out, err, args);
    }

    @Test
    void helpListsEveryStageOfTheDesign() {
        assertEquals(0, run("--help"));
        for (String stage : List.of("cut", "transcribe", "match", "refine", "align", "prepare", "pretrain", "evaluate",
                "encode", "embed", "tokenize", "train-ctc", "build-lm", "demo")) {
            assertTrue(out.toString().contains("  " + stage + " "), stage + " missing from:\n" + out);
        }
    }

    @Test
    void tokenizeWritesIdsTokensAndHfOffsets() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/bert_tiny").toURI());
        Path input = tmp.resolve("texts.txt");
        Files.writeString(input, "The dogs [MASK] over zzz.\nThe cat sat on the mat.\n");
        Path output = tmp.resolve("out/tokens.json");
        assertEquals(0, run("tokenize", "--model", model.toString(), "--input", input.toString(), "--output", output.toString()), err.toString());
        JsonNode j = new ObjectMapper().readTree(output.toFile());
        assertEquals("[2,15,19,107,4,103,1,5,3]", j.get("input_ids").get(0).toString());
        assertEquals("[\"[CLS]\",\"the\",\"dog\",\"##s\",\"[MASK]\",\"over\",\"[UNK]\",\".\",\"[SEP]\"]", j.get("tokens").get(0).toString());
        assertEquals("[[0,0],[0,3],[4,7],[7,8],[9,15],[16,20],[21,24],[24,25],[0,0]]", j.get("offsets").get(0).toString());
        assertEquals("[2,15,18,20,21,15,22,5,3]", j.get("input_ids").get(1).toString());
        assertEquals(2, j.get("offsets").size());
    }

    @Test
    void badInputIsOneClearLineAndWritesNothing() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/bert_tiny").toURI());
        Path output = tmp.resolve("tokens.json");
        assertEquals(1, run("tokenize", "--model", model.toString(), "--input", tmp.resolve("absent.txt").toString(),
                "--output", output.toString()));
        assertTrue(err.toString().contains("no such file") && err.toString().contains("absent.txt"), "stderr: " + err);
        assertFalse(Files.exists(output));

        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[]{'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        assertEquals(1, run("tokenize", "--model", model.toString(), "--input", bad.toString(), "--output", output.toString()));
        assertTrue(err.toString().contains("bad.txt:2: not valid UTF-8"), err.toString());
        assertFalse(Files.exists(output));
    }

    @Test
    void usageErrorsExit2AndDemoNamesWhatIsMissing() {
        assertEquals(2, run("transcribe", "--input-dir", "x"));
        Path absent = tmp.resolve("no-corpus");
        assertEquals(1, run("demo", "--corpus", absent.toString(), "--output-dir", tmp.resolve("demo-out").toString()));
        assertTrue(err.toString().contains(absent.resolve("truth.json").toString()), err.toString());
    }
}
