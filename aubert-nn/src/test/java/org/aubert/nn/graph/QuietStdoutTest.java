package org.aubert.nn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QuietStdout}: drops only the calling thread's output, keeps other threads', restores System.out. */
class QuietStdoutTest {
    private PrintStream saved;
    private ByteArrayOutputStream captured;
    private PrintStream capture;

    @BeforeEach
    void captureStdout() {
        saved = System.out;
        captured = new ByteArrayOutputStream();
        capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
    }

    @AfterEach
    void restoreStdout() { System.setOut(saved); }

    private String out() { return captured.toString(StandardCharsets.UTF_8); }

    @Test
    void dropsTheCallersPrintsAndKeepsOtherThreadsPrintedMeanwhile() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch printed = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                inside.await();
                for (int i = 0; i < 100; i++) System.out.println("other " + i);
                printed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        System.out.println("before");
        QuietStdout.run(() -> {
            System.out.println("Added differentiated op x");
            inside.countDown();
            try {
                printed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.print("more noise");
        });
        other.join();
        System.out.println("after");
        String s = out();
        assertFalse(s.contains("differentiated") || s.contains("noise"), s);
        for (int i = 0; i < 100; i++) assertTrue(s.contains("other " + i + System.lineSeparator()), "lost line " + i + ": " + s);
        assertTrue(s.startsWith("before") && s.endsWith("after" + System.lineSeparator()), s);
        assertSame(capture, System.out, "System.out is restored");
    }

    @Test
    void nestedCallsAndExceptionsRestoreStdout() {
        assertThrows(IllegalStateException.class, () -> QuietStdout.run(() -> {
            QuietStdout.run(() -> System.out.println("inner"));
            System.out.println("outer");
            throw new IllegalStateException("boom");
        }));
        assertSame(capture, System.out);
        System.out.println("visible");
        assertEquals("visible" + System.lineSeparator(), out());
    }
}
