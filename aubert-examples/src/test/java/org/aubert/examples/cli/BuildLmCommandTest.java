package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.aubert.data.ctc.ArpaModel;

/** {@code aubert build-lm} writes an ARPA file that {@link ArpaModel} reads; existing outputs are kept unless --overwrite. */
class BuildLmCommandTest {
    @TempDir Path tmp;
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = AubertCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void buildsAReadableLmAndSkipsExistingOutput() throws Exception {
        Path text = tmp.resolve("t.txt");
        Files.writeString(text, "The cat sat on the mat.\nThe dog sat on the log!\nA cat, a dog.\n");
        Path arpa = tmp.resolve("lm/lm.arpa");
        assertEquals(0, run("build-lm", "--text", text.toString(), "--order", "3", "--output", arpa.toString()), err.toString());
        ArpaModel m = ArpaModel.load(arpa);
        assertEquals(3, m.order());
        assertTrue(m.wordId("the") >= 0 && m.wordId("The") < 0, "lower-cased words");
        assertTrue(m.log10Prob("sat", "the", "cat") > m.log10Prob("mat", "the", "cat"));
        long modified = Files.getLastModifiedTime(arpa).toMillis();
        Files.writeString(text, "something else entirely\n");
        assertEquals(0, run("build-lm", "--text", text.toString(), "--output", arpa.toString()), err.toString());
        assertEquals(modified, Files.getLastModifiedTime(arpa).toMillis());
        assertEquals(0, run("build-lm", "--text", text.toString(), "--order", "2", "--output", arpa.toString(), "--overwrite"), err.toString());
        assertEquals(2, ArpaModel.load(arpa).order());
    }
}
