package org.aubert.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.aubert.SingleNativeThread;
import org.aubert.nn.aubert.TinyAubert;
import org.aubert.nn.bert.BertModel;
import org.aubert.nn.graph.Graph;

/**
 * Nothing is printed to stdout while graphs are built, gradients computed and a training step run. A child JVM
 * ({@link NoStdoutChild}) does the work, so both Java's {@code System.out} and the native stdout of libnd4j /
 * OpenBLAS (file descriptor 1) are captured; the child's control section proves that the capture sees SameDiff's
 * own prints.
 */
@ExtendWith(SingleNativeThread.class)
class NoStdoutTest {
    @TempDir Path dir;

    @Test
    void buildingGradientsAndATrainingStepPrintNothingToStdout() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx2g", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), NoStdoutChild.class.getName(), dir.resolve("run").toString()));
        pb.environment().putIfAbsent("OPENBLAS_CORETYPE", "Haswell");
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        String stdout = out.get();
        String stderr = err.get();
        assertEquals(0, p.exitValue(), "child failed:\n" + stderr);
        assertTrue(stderr.contains(NoStdoutChild.DONE), "child did not finish:\n" + stderr);
        int marker = stdout.indexOf(NoStdoutChild.MARKER);
        assertTrue(marker >= 0, "control marker missing from stdout: " + stdout);
        assertEquals("", stdout.substring(0, marker), "stdout while building, differentiating and training");
        assertTrue(stdout.substring(marker).contains("Added differentiated op"),
                "control: SameDiff's createGradFunction should print (else this test cannot see prints): " + stdout);
        assertTrue(Files.exists(dir.resolve("run").resolve(Trainer.LAST)), "the training step wrote no checkpoint");
    }

    /** In this JVM, on a tiny BERT: the quiet gradient build leaves System.out of this thread empty and other threads' output intact. */
    @Test
    void otherThreadsStillPrintWhileGradientsAreBuilt() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Graph g = new Graph(DataType.FLOAT, false);
            BertModel bert = BertModel.build(g.root(), TinyAubert.text(0.0), false);
            g.sd().setLossVariables(g.sd().sum("loss", bert.lastHiddenStateVariable()));
            INDArray ids = Nd4j.createFromArray(new long[][]{{2, 7, 9, 3}});
            Thread other = new Thread(() -> {
                for (int i = 0; i < 200; i++) System.out.println("other thread " + i);
            });
            other.start();
            assertTrue(!bert.runner().gradients(BertModel.inputs(ids, null, null, bert.config(), DataType.FLOAT),
                    BertModel.dims(ids), 0).isEmpty());
            other.join();
        } finally {
            System.setOut(saved);
        }
        String s = captured.toString(StandardCharsets.UTF_8);
        assertTrue(!s.contains("Added differentiated op"), "gradient build printed: " + s.substring(0, Math.min(300, s.length())));
        for (int i = 0; i < 200; i++) assertTrue(s.contains("other thread " + i + "\n"), "line " + i + " of the other thread was lost");
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
