import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.aubert.data.lm.LmBuilder;
import org.aubert.data.lm.LmConfig;
import org.aubert.data.lm.LmSummary;

/**
 * build-lm speed (not a test). Builds, in one JVM: the demo book (demo/corpus/books, ~215 kB) as a 3-gram right after
 * JVM start (cold JIT), again warm, as a 1-gram (counting only: the baseline), and a synthetic text of 50 MB
 * (seed 1: Zipf-distributed vocabulary of 200 000 invented words, sentences of 4-24 words) as a 1-gram and a 3-gram.
 * Prints wall time, the main thread's CPU time, the process's CPU time (JIT and GC threads too), MB/s of thread CPU,
 * and the ratios 3-gram / 1-gram and (per byte) 50 MB / book. On a shared machine compare CPU times: wall time
 * there mostly measures waiting for a core.
 *
 * Run: bench/lm/run.sh [MB]
 */
public final class LmBench {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final long JVM_START_MS = ManagementFactory.getRuntimeMXBean().getStartTime();

    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Run(String name, double wallMs, double cpuMs, double processCpuMs, double mb, LmSummary s) {
        void print(Run base) {
            System.out.printf(Locale.ROOT, "%-24s wall %7.0f ms  thread cpu %7.0f ms  process cpu %7.0f ms  %5.1f MB/s cpu  %s%s%n", name, wallMs, cpuMs,
                    processCpuMs, mb / (cpuMs / 1000),
                    base == null ? "" : String.format(Locale.ROOT, "(thread cpu %.2fx %s)  ", cpuMs / base.cpuMs, base.name),
                    s.line().replaceAll(" -> .*", "").replaceAll("^build-lm: ", ""));
        }
    }

    static Run time(String name, Path text, int order, Path out) throws Exception {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long p0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        LmSummary s = new LmBuilder(new LmConfig(order, 1, true)).build(List.of(text), out, null);
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
        double pcpu = (OS.getProcessCpuTime() - p0) / 1e6;
        return new Run(name, wall, cpu, pcpu, Files.size(text) / 1e6, s);
    }

    static void synthetic(Path file, long bytes, long seed) throws Exception {
        Random r = new Random(seed);
        int v = 200_000;
        String[] words = new String[v];
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        for (int i = 0; i < v; i++) {
            StringBuilder w = new StringBuilder();
            int len = 2 + Math.min(10, (int) Math.round(Math.log(i + 2) * 0.9 + r.nextGaussian()));
            for (int q = 0; q < Math.max(1, len); q++) w.append(letters.charAt(Math.min(25, (int) (-Math.log(1 - r.nextDouble()) * 6))));
            words[i] = w.toString();
        }
        double[] cdf = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) cdf[i] = sum += 1.0 / (i + 1);
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            while (written < bytes) {
                line.setLength(0);
                int n = 4 + r.nextInt(21);
                for (int i = 0; i < n; i++) {
                    int k = java.util.Arrays.binarySearch(cdf, r.nextDouble() * sum);
                    if (k < 0) k = -k - 1;
                    if (i > 0) line.append(' ');
                    line.append(i == 0 ? Character.toUpperCase(words[k].charAt(0)) + words[k].substring(1) : words[k]);
                }
                line.append(r.nextInt(5) == 0 ? "? " : ". ");
                if (r.nextInt(6) == 0) line.append('\n');
                w.append(line);
                written += line.length();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 50;
        Path book;
        try (var s = Files.list(Path.of("demo/corpus/books"))) {
            book = s.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
        }
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "aubert-lm-bench"));
        long sinceStart = System.currentTimeMillis() - JVM_START_MS;
        Run cold = time("book 3-gram, cold JVM", book, 3, dir.resolve("book3.arpa"));
        System.out.printf(Locale.ROOT, "JVM start to bench main: %d ms; JVM start to book LM written: %.0f ms%n",
                sinceStart, sinceStart + cold.wallMs);
        cold.print(null);
        Run warm = null;
        for (int i = 0; i < 3; i++) {
            Run w = time("book 3-gram, warm", book, 3, dir.resolve("book3.arpa"));
            if (warm == null || w.cpuMs < warm.cpuMs) warm = w;
        }
        Run uni = time("book 1-gram, warm", book, 1, dir.resolve("book1.arpa"));
        uni.print(null);
        warm.print(uni);

        Path big = dir.resolve("synthetic-" + mb + "MB-seed1.txt");
        if (!Files.exists(big)) synthetic(big, mb * 1_000_000L, 1);
        Run bigUni = time(mb + " MB 1-gram", big, 1, dir.resolve("big1.arpa"));
        bigUni.print(null);
        Run big3 = time(mb + " MB 3-gram", big, 3, dir.resolve("big3.arpa"));
        big3.print(bigUni);
        System.out.printf(Locale.ROOT, "3-gram thread cpu per byte, %d MB vs book (warm): %.2fx; ARPA %d MB%n", mb,
                (big3.cpuMs / big3.mb) / (warm.cpuMs / warm.mb), Files.size(dir.resolve("big3.arpa")) >> 20);
    }
}
