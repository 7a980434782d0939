package org.aubert.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is printed to stdout while graphs are built, gradients computed and a training step run. A child JVM
 * ({@link NoStdoutChild}) does the work, so both Java's {@code System.out} and the native stdout of libnd4j /
 * OpenBLAS (file descriptor 1) are captured; the child's control section proves that the capture sees SameDiff's
 * own prints. {@code QuietStdoutTest} checks the filter itself (other threads' output is kept).
 */
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
