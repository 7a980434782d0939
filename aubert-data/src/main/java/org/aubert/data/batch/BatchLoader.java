package org.aubert.data.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.data.shard.ShardGroup;
import org.aubert.data.shard.ShardInstance;
import org.aubert.data.shard.ShardReader;
import org.aubert.nn.aubert.Batch;
import org.aubert.nn.aubert.BatchSource;

/**
 * Streams training batches from shard files: one batch per n-gram group (large groups split into near-equal parts of
 * at most {@link LoaderConfig#maxBatchSize()}), groups with fewer than {@link LoaderConfig#minGroupSize()} instances
 * skipped. Only the shard indexes are held in memory; background threads read, tokenise and pad the next
 * {@link LoaderConfig#prefetch()} batches while the model trains on the current one. The order is a shuffle drawn from
 * the seed given to {@link #reset(long)}, and batches come out in that order whatever the thread timing, so a run is
 * reproducible.
 */
public final class BatchLoader implements BatchSource {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

    /** One batch's worth of a group: instances {@code [from, to)} of group {@code group} of shard {@code shard}. */
    private record Unit(int shard, int group, int from, int to) {}

    private final List<ShardReader> readers;
    private final List<Unit> units;
    private final BatchPadder padder;
    private final ExecutorService pool;
    private final LoaderConfig config;
    private final int skippedGroups;
    private final ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
    private List<Unit> order;
    private int nextToSubmit;

    public BatchLoader(List<Path> shards, BertTokenizer tokenizer, FeatureExtractor features, LoaderConfig config,
                       DataType audioType) throws IOException {
        this.config = config;
        this.padder = new BatchPadder(tokenizer, features, config, audioType);
        this.readers = new ArrayList<>();
        this.units = new ArrayList<>();
        int skipped = 0;
        try {
            for (Path p : shards) {
                ShardReader r = ShardReader.open(p);
                readers.add(r);
                int s = readers.size() - 1;
                for (int g = 0; g < r.size(); g++) {
                    int n = r.groupSize(g);
                    if (n < config.minGroupSize()) {
                        skipped++;
                        continue;
                    }
                    int parts = (n + config.maxBatchSize() - 1) / config.maxBatchSize();
                    for (int k = 0; k < parts; k++) {
                        int from = (int) ((long) n * k / parts);
                        int to = (int) ((long) n * (k + 1) / parts);
                        if (to - from >= config.minGroupSize()) units.add(new Unit(s, g, from, to));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            for (ShardReader r : readers) r.close();
            throw e;
        }
        this.skippedGroups = skipped;
        if (skipped > 0) LOG.info("skipped {} groups with fewer than {} instances", skipped, config.minGroupSize());
        this.pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "batch-loader");
            t.setDaemon(true);
            return t;
        });
        reset(0);
    }

    /** The shard files of a folder ({@code *.shard}), sorted by name. */
    public static List<Path> shardsIn(Path dirOrFile) throws IOException {
        if (Files.isRegularFile(dirOrFile)) return List.of(dirOrFile);
        if (!Files.isDirectory(dirOrFile)) throw new java.nio.file.NoSuchFileException(dirOrFile + " (no shard file or folder)");
        try (var s = Files.list(dirOrFile)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(".shard")).sorted().toList();
            if (l.isEmpty()) throw new IOException(dirOrFile + ": no .shard files");
            return l;
        }
    }

    /** Batches per pass. */
    public int batches() { return units.size(); }

    /** Groups left out for having fewer than the minimum instances. */
    public int skippedGroups() { return skippedGroups; }

    @Override
    public synchronized void reset(long seed) {
        for (Future<Batch> f : ahead) f.cancel(false);
        ahead.clear();
        order = new ArrayList<>(units);
        Collections.shuffle(order, new Random(seed));
        nextToSubmit = 0;
        fill();
    }

    @Override
    public synchronized boolean hasNext() {
        return !ahead.isEmpty();
    }

    @Override
    public synchronized Batch next() {
        if (ahead.isEmpty()) throw new NoSuchElementException("no more batches in this pass");
        Future<Batch> f = ahead.poll();
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) throw new UncheckedIOException(u.getCause().getMessage(), u.getCause());
            if (c instanceof RuntimeException r) throw r;
            throw new IllegalStateException(c.getMessage(), c);
        }
    }

    private void fill() {
        while (ahead.size() < config.prefetch() && nextToSubmit < order.size()) {
            Unit u = order.get(nextToSubmit++);
            ahead.add(pool.submit(() -> load(u)));
        }
    }

    private Batch load(Unit u) {
        ShardReader r = readers.get(u.shard());
        try {
            ShardGroup g = r.group(u.group());
            List<ShardInstance> xs = g.instances().subList(u.from(), u.to());
            return padder.pad(xs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.file() + " group " + u.group() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        pool.shutdownNow();
        for (ShardReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                LOG.warn("closing {}: {}", r.file(), e.getMessage());
            }
        }
    }
}
