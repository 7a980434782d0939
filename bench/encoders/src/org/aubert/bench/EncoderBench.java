package org.aubert.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.config.BertConfig;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.bert.BertModel;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * SameDiff side of bench/encoders/run.sh (not a test). One case per process so that peak RSS is the case's own:
 * {@code bert-fwd}, {@code bert-fwdbwd} or {@code hubert-fwd}, fp32, random weights, fixed seeds.
 *
 * <p>Usage: {@code EncoderBench CASE WARMUP ITERS THREADS [--gc] [--profile]}. Prints one line per timed iteration
 * to stderr and a final {@code RESULT {...}} JSON line to stdout: median wall ms and median process CPU ms (all
 * threads; steadier than wall time on a shared machine), every iteration, VmHWM (peak RSS) in MB.
 * {@code --gc} calls System.gc() after every iteration (ND4J frees native buffers only when their Java owners are
 * collected); {@code --profile} adds a listener that sums wall time per op type over the timed iterations.
 */
public final class EncoderBench {
    private EncoderBench() {}

    public static void main(String[] args) throws Exception {
        String kase = args[0];
        int warmup = Integer.parseInt(args[1]);
        int iters = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        List<String> flags = Arrays.asList(args).subList(4, args.length);
        boolean gc = flags.contains("--gc");
        boolean profile = flags.contains("--profile");
        Path here = Path.of(System.getProperty("bench.dir", "bench/encoders"));

        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getRandom().setSeed(1);

        long t0 = System.nanoTime();
        Runnable step;
        GraphRunner runner;
        switch (kase) {
            case "bert-fwd", "bert-fwdbwd" -> {
                boolean train = kase.equals("bert-fwdbwd");
                BertConfig c = BertConfig.load(here.resolve("bert-base"));
                Graph g = new Graph(DataType.FLOAT, train);
                BertModel m = BertModel.build(g.root(), c, false);
                randomise(g, c.initializerRange());
                runner = m.runner();
                long[][] ids = new long[8][128];
                SplittableRandom rng = new SplittableRandom(2);
                for (long[] row : ids) for (int t = 0; t < row.length; t++) row[t] = 1 + rng.nextInt(c.vocabSize() - 1);
                INDArray idArr = Nd4j.createFromArray(ids);
                Map<String, INDArray> in = BertModel.inputs(idArr, null, null, c, DataType.FLOAT);
                Map<String, Long> dims = BertModel.dims(idArr);
                String out = m.lastHiddenStateVariable().name();
                if (train) {
                    g.sd().setLossVariables(g.sd().sum("bench_loss", m.lastHiddenStateVariable()));
                    long[] seed = {0};
                    step = () -> consume(runner.gradients(in, dims, seed[0]++));
                } else {
                    step = () -> consume(runner.output(in, dims, 0, out));
                }
            }
            case "hubert-fwd" -> {
                Wav2Vec2Config c = Wav2Vec2Config.load(here.resolve("hubert-base"));
                AudioEncoder enc = AudioEncoder.create(c, false, AudioEncoder.Options.inference());
                randomise(enc.graph(), c.initializerRange());
                runner = enc.runner();
                INDArray wave = Nd4j.randn(DataType.FLOAT, 8, 160_000);
                Map<String, INDArray> in = enc.feeds(wave, null);
                Map<String, Long> dims = enc.dims(wave);
                String out = enc.outputs().lastHiddenState().name();
                step = () -> consume(runner.output(in, dims, 0, out));
            }
            default -> throw new IllegalArgumentException("unknown case " + kase);
        }
        System.err.printf(Locale.ROOT, "%s: built in %.1f s%n", kase, (System.nanoTime() - t0) / 1e9);

        for (int i = 0; i < warmup; i++) {
            long s = System.nanoTime();
            step.run();
            if (gc) System.gc();
            System.err.printf(Locale.ROOT, "%s warm-up %d: %.0f ms%n", kase, i, (System.nanoTime() - s) / 1e6);
        }
        OpTimes times = new OpTimes();
        if (profile) {
            runner.graph().sd().addListeners(times);
            SameDiff grad = runner.graph().sd().getFunction("grad");
            if (grad != null) grad.addListeners(times);
        }
        double[] ms = new double[iters];
        double[] cpu = new double[iters];
        for (int i = 0; i < iters; i++) {
            long s = System.nanoTime();
            long c = cpuMs();
            step.run();
            if (gc) System.gc();
            ms[i] = (System.nanoTime() - s) / 1e6;
            cpu[i] = cpuMs() - c;
            System.err.printf(Locale.ROOT, "%s iter %d: %.0f ms, cpu %.0f ms%n", kase, i, ms[i], cpu[i]);
        }
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"impl\": \"samediff\", \"case\": \"%s\", \"threads\": %d, \"median_ms\": %.1f, "
                + "\"iters_ms\": %s, \"median_cpu_ms\": %.1f, \"iters_cpu_ms\": %s, \"vmhwm_mb\": %d", kase, threads, median(ms),
                Arrays.toString(round(ms)), median(cpu), Arrays.toString(round(cpu)), vmHwmMb()));
        if (profile) json.append(", \"op_ms_per_iter\": ").append(times.json(iters));
        json.append("}");
        System.out.println("RESULT " + json);
    }

    /** N(0, range) weights, LayerNorm/GroupNorm gains 1, biases 0, weight_g 1: the shapes matter, not the values. */
    static void randomise(Graph g, double range) {
        SplittableRandom rng = new SplittableRandom(3);
        for (String name : g.parameterNames()) {
            INDArray p = g.parameter(name);
            boolean gain = p.rank() == 1 && name.endsWith(".weight") || name.endsWith("weight_g");
            boolean bias = p.rank() == 1 && name.endsWith(".bias");
            if (gain) {
                p.assign(1);
            } else if (bias) {
                p.assign(0);
            } else {
                float[] v = new float[Math.toIntExact(p.length())];
                for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * range);
                p.assign(Nd4j.createFromArray(v).reshape(p.shape()));
            }
        }
    }

    private static double sink;

    private static void consume(Map<String, INDArray> out) {
        for (INDArray a : out.values()) sink += a.getDouble(0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** CPU time (user + system) of the whole process, every thread included (libnd4j's OpenMP workers too), in ms. */
    static long cpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in 1/100 s clock ticks
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long[] round(double[] v) {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.round(v[i]);
        return r;
    }

    /** Peak resident set size of this process (VmHWM), in MB. */
    static long vmHwmMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
        return -1;
    }

    /** Wall time per op type (op name), summed from pre-execution to post-execution of each op. */
    static final class OpTimes extends BaseListener {
        private final Map<String, long[]> totals = new HashMap<>();
        private long start;

        @Override public boolean isActive(Operation operation) { return true; }

        @Override public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) { start = System.nanoTime(); }

        @Override public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
            long[] t = totals.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
            t[0] += System.nanoTime() - start;
            t[1]++;
        }

        String json(int iters) {
            Map<String, Double> byOp = new TreeMap<>();
            totals.forEach((k, v) -> byOp.put(k, v[0] / 1e6 / iters));
            List<Map.Entry<String, Double>> e = new ArrayList<>(byOp.entrySet());
            e.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < e.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(String.format(Locale.ROOT, "\"%s\": [%.1f, %d]", e.get(i).getKey(), e.get(i).getValue(),
                        totals.get(e.get(i).getKey())[1] / iters));
            }
            return sb.append("}").toString();
        }
    }
}
