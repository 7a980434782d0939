package org.aubert.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One BERT-base FFN product ([1024 x 768] x [768 x 3072], fp32) through the ways ND4J offers, on one native thread,
 * timed in CPU time of the calling thread (so other processes on the machine matter less). Not a test.
 * Usage: {@code MatmulProbe [REPS]}; prints GFLOP/s per variant.
 */
public final class MatmulProbe {
    private MatmulProbe() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1024, 768);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3072, 768);          // PyTorch layout [out, in], as the graphs hold it
        INDArray wt = w.transpose().dup('c');                        // [in, out], row-major
        INDArray xf = x.dup('f');
        INDArray wtf = wt.dup('f');
        double flop = 2.0 * 1024 * 768 * 3072;
        time("matmul op, B transposed (the graphs' Linear)", reps, flop,
                () -> Nd4j.exec(new Mmul(x, w, null, MMulTranspose.builder().transposeB(true).build()))[0]);
        time("matmul op, B pre-transposed c-order", reps, flop, () -> Nd4j.exec(new Mmul(x, wt, null, MMulTranspose.allFalse()))[0]);
        time("INDArray.mmul c-order", reps, flop, () -> x.mmul(wt));
        time("INDArray.mmul f-order", reps, flop, () -> xf.mmul(wtf));
        time("Nd4j.gemm(x, w, false, true)", reps, flop, () -> Nd4j.gemm(x, w, false, true));
    }

    private static void time(String name, int reps, double flop, Supplier<INDArray> f) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        f.get();
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < reps; i++) {
            long c = mx.getCurrentThreadCpuTime();
            f.get();
            long d = mx.getCurrentThreadCpuTime() - c;
            best = Math.min(best, d);
            total += d;
        }
        System.out.printf(Locale.ROOT, "%-48s best %6.1f GFLOP/s, mean %6.1f GFLOP/s (thread CPU time, %d reps)%n", name,
                flop / best, flop * reps / total, reps);
    }
}
