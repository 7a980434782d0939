package org.aubert.nn.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;

/**
 * Drops what the <em>calling thread</em> writes to {@code System.out} while it runs one action; every other
 * thread's output passes through unchanged, and {@code System.out} is restored when the last quiet action ends.
 *
 * <p>Why it exists: SameDiff 1.0.0-M2.1's {@code SameDiff.createGradFunction} prints
 * {@code "Added differentiated op <name>"} with {@code System.out.println} for every op it differentiates
 * (hundreds of lines for BERT), unconditionally: no log level, system property or config turns it off. It is the
 * only stdout print on the paths this project runs (graph building, gradients, a training step; checked by
 * {@code NoStdoutTest}), so {@link GraphRunner} builds the gradient function inside {@link #run} and nothing else
 * is wrapped.
 *
 * <p>Thread safety: a process-wide filter is swapped in while at least one thread is inside {@link #run} (a
 * counter under a lock); it decides per write by a thread-local flag, so prints of other threads in that window
 * still reach the original stream. Nested calls are allowed. If someone else replaces {@code System.out} meanwhile,
 * their stream is left in place.
 */
final class QuietStdout {
    private static final Object LOCK = new Object();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static int active;
    private static PrintStream original;
    private static PrintStream filter;

    private QuietStdout() {}

    /** Runs {@code action} with this thread's {@code System.out} output discarded. */
    static void run(Runnable action) {
        int[] depth = DEPTH.get();
        if (depth[0]++ == 0) enter();
        try {
            action.run();
        } finally {
            if (--depth[0] == 0) exit();
        }
    }

    private static void enter() {
        synchronized (LOCK) {
            if (active++ == 0) {
                original = System.out;
                filter = filterOf(original);
                System.setOut(filter);
            }
        }
    }

    private static void exit() {
        synchronized (LOCK) {
            if (--active == 0) {
                System.out.flush();
                if (System.out == filter) System.setOut(original);
                original = null;
                filter = null;
            }
        }
    }

    private static PrintStream filterOf(PrintStream target) {
        OutputStream gate = new OutputStream() {
            @Override public void write(int b) {
                if (DEPTH.get()[0] == 0) target.write(b);
            }

            @Override public void write(byte[] b, int off, int len) {
                if (DEPTH.get()[0] == 0) target.write(b, off, len);
            }

            @Override public void flush() throws IOException {
                target.flush();
            }
        };
        String encoding = System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name());
        try {
            return new PrintStream(gate, true, encoding);
        } catch (UnsupportedEncodingException e) {
            return new PrintStream(gate, true, Charset.defaultCharset());
        }
    }
}
