package org.aubert.data.vad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.io.AtomicFiles;

/**
 * Cuts a libri-light tree into pieces along voice activity (the first stage of the data pipeline).
 *
 * <p>Input: {@code <in>/<speaker>/<book>/<name>.flac} with {@code <name>.json} holding {@code voice_activity}
 * ({@link VadSource#META}), or audio alone ({@link VadSource#ENERGY}). The segments are grouped into pieces of at
 * most the target length exactly as libri-light's {@code cut_by_vad.py} does ({@link VadStitcher}); the silences
 * between segments are dropped.
 *
 * <p>Output, per source file: the folder {@code <out>/<speaker>/<book>/<name>/} holding {@code <name>_NNNN.flac}
 * (16-bit, the source's rate) and {@code <name>_NNNN.json}, the piece's map back to the source:
 * {@code runs} = {@code [[piece_start_s, source_start_s, duration_s], ...]} (and the same in samples as
 * {@code runs_samples}). The folder is filled under a hidden temporary name and renamed when complete, so a file's
 * pieces appear all at once or not at all. A file whose folder exists is skipped unless {@code overwrite}.
 *
 * <p>Bad input (undecodable or multi-channel audio, a missing or malformed JSON, a JSON without audio) fails that
 * file only, with a message naming the file (and the JSON key); the run goes on and the summary counts it.
 */
public final class VadCutter {
    private static final Logger log = LoggerFactory.getLogger(VadCutter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIO_EXT = ".flac";
    private static final String JSON_EXT = ".json";

    private final CutConfig config;
    private final EnergyVad energyVad;

    public VadCutter(CutConfig config) {
        this.config = config;
        this.energyVad = new EnergyVad(config.energy());
    }

    /** One source file: its audio and VAD JSON paths and where its pieces go (relative to the roots). */
    public record Source(Path audio, Path json, Path relativeDir, String name) {}

    /** The source files under {@code inputDir} ({@code <speaker>/<book>/<name>.flac}, plus orphan JSONs in meta mode), sorted. */
    public List<Source> sources(Path inputDir) throws IOException {
        if (!Files.isDirectory(inputDir)) throw new IOException(inputDir + ": input folder does not exist");
        List<Source> out = new ArrayList<>();
        for (Path speaker : subdirs(inputDir)) {
            for (Path book : subdirs(speaker)) {
                TreeSet<String> names = new TreeSet<>();
                try (Stream<Path> s = Files.list(book)) {
                    s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(f -> !f.startsWith("."))
                            .forEach(f -> {
                                if (f.endsWith(AUDIO_EXT)) names.add(f.substring(0, f.length() - AUDIO_EXT.length()));
                                else if (config.source() == VadSource.META && f.endsWith(JSON_EXT)) names.add(f.substring(0, f.length() - JSON_EXT.length()));
                            });
                }
                Path rel = inputDir.relativize(book);
                for (String n : names) out.add(new Source(book.resolve(n + AUDIO_EXT), book.resolve(n + JSON_EXT), rel, n));
            }
        }
        return out;
    }

    /** Cuts every source file under {@code inputDir} into {@code outputDir}; {@code progress} sees each result as it comes. */
    public CutSummary cut(Path inputDir, Path outputDir, Consumer<FileResult> progress) throws IOException {
        return cut(sources(inputDir), outputDir, progress);
    }

    public CutSummary cut(List<Source> sources, Path outputDir, Consumer<FileResult> progress) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outputDir);
        List<FileResult> results = new ArrayList<>(sources.size());
        Consumer<FileResult> sink = progress == null ? r -> { } : progress;
        if (config.threads() == 1) {
            for (Source s : sources) {
                FileResult r = cutOne(s, outputDir);
                sink.accept(r);
                results.add(r);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(config.threads());
            try {
                List<Future<FileResult>> futures = new ArrayList<>();
                for (Source s : sources) {
                    futures.add(pool.submit(() -> {
                        FileResult r = cutOne(s, outputDir);
                        synchronized (sink) { sink.accept(r); }
                        return r;
                    }));
                }
                for (Future<FileResult> f : futures) results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cutting failed unexpectedly", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new CutSummary(results, (System.nanoTime() - t0) / 1e9);
    }

    /** Cuts one source file; never throws for bad input (the result says what went wrong). */
    public FileResult cutOne(Source s, Path outputDir) {
        Path reported = Files.exists(s.audio()) || config.source() == VadSource.ENERGY ? s.audio() : s.json();
        Path parent = outputDir.resolve(s.relativeDir());
        Path target = parent.resolve(s.name());
        if (Files.exists(target) && !config.overwrite()) return FileResult.skipped(reported);
        try {
            if (!Files.isRegularFile(s.audio())) throw new BadInputException(s.audio(), "missing audio (its VAD JSON exists)");
            List<VadSegment> vad = config.source() == VadSource.META ? VadJson.read(s.json()) : null;
            Audio audio = readAudio(s.audio());
            if (vad == null) vad = energyVad.detect(audio.samples(), audio.sampleRate());
            List<Piece> pieces = VadStitcher.plan(vad, audio.frameCount(), audio.sampleRate(), config.targetLenSec());
            long kept = writeAtomically(s, audio, pieces, parent, target);
            return new FileResult(s.audio(), FileResult.Status.CUT, pieces.size(), audio.durationSeconds(),
                    kept / (double) audio.sampleRate(), null);
        } catch (IOException | UncheckedIOException e) {
            log.warn("{}", e.getMessage());
            return FileResult.failed(reported, e.getMessage());
        } catch (RuntimeException e) {
            // not expected for any input; still one file's failure, not the run's
            log.warn("{}: unexpected error", reported, e);
            return FileResult.failed(reported, reported + ": unexpected error: " + e);
        }
    }

    private static Audio readAudio(Path file) throws IOException {
        Audio a;
        try {
            a = AudioReader.read(file);
        } catch (RuntimeException e) {
            throw new BadInputException(file, "could not decode audio: " + e);
        }
        if (a.channelCount() != 1) throw new BadInputException(file, "has " + a.channelCount() + " channels; libri-light audio is mono");
        return a;
    }

    /** Writes all pieces into a hidden temporary folder, then renames it to {@code target}; returns the samples kept. */
    private long writeAtomically(Source s, Audio audio, List<Piece> pieces, Path parent, Path target) throws IOException {
        Files.createDirectories(parent);
        removeLeftovers(parent, s.name());
        Path tmp = Files.createTempDirectory(parent, "." + s.name() + ".tmp-");
        try {
            long kept = 0;
            float[] src = audio.samples();
            String sourceName = s.relativeDir().resolve(s.audio().getFileName()).toString().replace('\\', '/');
            for (Piece p : pieces) {
                float[] out = new float[Math.toIntExact(p.length())];
                for (Piece.Run r : p.runs()) {
                    System.arraycopy(src, (int) r.sourceStart(), out, (int) r.pieceStart(), (int) r.length());
                }
                String stem = String.format(Locale.ROOT, "%s_%04d", s.name(), p.index());
                AudioWriter.writeFlac(tmp.resolve(stem + AUDIO_EXT), Audio.mono(out, audio.sampleRate()));
                AtomicFiles.writeString(tmp.resolve(stem + JSON_EXT), sidecar(sourceName, p, audio.sampleRate()));
                kept += out.length;
            }
            moveIntoPlace(tmp, target, parent, s.name());
            return kept;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private String sidecar(String source, Piece p, int rate) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", source);
        n.put("piece", p.index());
        n.put("vad", config.source().name().toLowerCase(Locale.ROOT));
        n.put("sample_rate", rate);
        n.put("samples", p.length());
        n.put("duration_s", p.length() / (double) rate);
        ArrayNode runs = n.putArray("runs");
        ArrayNode runsSamples = n.putArray("runs_samples");
        for (Piece.Run r : p.runs()) {
            if (r.length() == 0) continue;
            runs.addArray().add(r.pieceStart() / (double) rate).add(r.sourceStart() / (double) rate).add(r.length() / (double) rate);
            runsSamples.addArray().add(r.pieceStart()).add(r.sourceStart()).add(r.length());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    }

    /** Renames the finished folder onto {@code target}; an existing target (overwrite) is moved aside first and deleted after. */
    private static void moveIntoPlace(Path tmp, Path target, Path parent, String name) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(parent, "." + name + ".old-");
            Files.delete(old);
            move(target, old);
        }
        try {
            move(tmp, target);
        } catch (IOException e) {
            if (old != null) move(old, target);
            throw e;
        }
        if (old != null) deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Temporary folders of this file left by a run that was killed (its pieces never appeared under the real name). */
    private static void removeLeftovers(Path parent, String name) throws IOException {
        String tmpPrefix = "." + name + ".tmp-";
        String oldPrefix = "." + name + ".old-";
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(tmpPrefix) || f.startsWith(oldPrefix);
            }).toList()) {
                log.info("{}: removing the leftover of an interrupted run", p);
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static List<Path> subdirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
