package org.aubert.data.prepare;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.io.AtomicFiles;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.AudioLocator;
import org.aubert.data.alignment.RawText;
import org.aubert.data.shard.ShardGroup;
import org.aubert.data.shard.ShardInstance;
import org.aubert.data.shard.ShardWriter;

/**
 * {@code aubert prepare}: word-aligned utterances to per-speaker training shards. {@link NgramSelection} picks the
 * n-gram groups; this class cuts their audio and writes {@code <speaker>-NNNN.shard} files of
 * {@link CollatorConfig#groupsPerShard()} groups each, then {@code <speaker>.done.json} with the speaker's counts —
 * the mark that lets a rerun skip the speaker. Each instance's text is the book around the n-gram (±
 * {@link CollatorConfig#contextChars()} characters, shrunk to whole words).
 *
 * <p>Audio is decoded once per utterance: the segments a speaker needs are first copied into a spool file, then the
 * groups are assembled from it, so memory stays bounded by one utterance's audio and one shard's groups.
 */
public final class NgramCollator {
    private static final Logger LOG = LoggerFactory.getLogger(NgramCollator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DONE_SUFFIX = ".done.json";

    private final CollatorConfig config;

    public NgramCollator(CollatorConfig config) {
        this.config = config;
    }

    public CollationSummary run(List<AlignmentFile> books, Path audioRoot, Path outDir, boolean overwrite) throws IOException {
        NgramSelection sel = NgramSelection.select(books, config);
        sel.problems().forEach(p -> LOG.warn("skipped {}", p));
        Map<String, List<NgramGroup>> bySpeaker = new TreeMap<>();
        for (NgramGroup g : sel.groups()) bySpeaker.computeIfAbsent(g.speaker(), k -> new ArrayList<>()).add(g);
        Files.createDirectories(outDir);
        AudioLocator locator = new AudioLocator(audioRoot);
        List<RawText> raws = books.stream().map(b -> RawText.of(b.raw())).toList();
        Tally t = new Tally();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("prepare").setInitialMax(sel.counts().instances())
                .continuousUpdate().build()) {
            for (Map.Entry<String, List<NgramGroup>> e : bySpeaker.entrySet()) {
                String speaker = e.getKey();
                Path done = outDir.resolve(fileSafe(speaker) + DONE_SUFFIX);
                long n = e.getValue().stream().mapToLong(NgramGroup::size).sum();
                if (Files.isRegularFile(done) && !overwrite) {
                    t.resumed++;
                    bar.stepBy(n);
                    continue;
                }
                writeSpeaker(speaker, e.getValue(), books, raws, locator, outDir, t, bar);
            }
        }
        NgramSelection.Counts c = sel.counts();
        return new CollationSummary(t.speakers, t.resumed, c.speakersTooFew(), c.utterances(), c.utterancesWithoutWords(),
                c.utterancesBad(), t.missing, t.undecodable, c.occurrencesTooShort(), t.groups, t.instances, t.dropped,
                t.shards, t.samples / (double) config.sampleRate());
    }

    private static final class Tally {
        int speakers, resumed, missing, undecodable, groups, dropped, shards;
        long instances, samples;
    }

    private void writeSpeaker(String speaker, List<NgramGroup> groups, List<AlignmentFile> books, List<RawText> raws, AudioLocator locator,
                              Path outDir, Tally t, ProgressBar bar) throws IOException {
        // Which segments each utterance must give, in corpus order.
        Map<Long, List<Occurrence>> byUtterance = new TreeMap<>();
        for (NgramGroup g : groups) {
            for (Occurrence o : g.occurrences()) byUtterance.computeIfAbsent(uttKey(o), k -> new ArrayList<>()).add(o);
        }
        Path spoolFile = Files.createTempFile(outDir, "." + fileSafe(speaker) + ".spool.", ".tmp");
        try (RandomAccessFile spool = new RandomAccessFile(spoolFile.toFile(), "rw")) {
            Map<Occurrence, long[]> where = new HashMap<>();
            for (Map.Entry<Long, List<Occurrence>> e : byUtterance.entrySet()) {
                Occurrence first = e.getValue().get(0);
                String fname = books.get(first.book()).utterances().get(first.utterance()).fname();
                Optional<Path> path = locator.find(fname);
                if (path.isEmpty()) {
                    t.missing++;
                    LOG.warn("skipped {}: audio not found under the audio root", fname);
                    continue;
                }
                float[] audio;
                try {
                    audio = AudioReader.load(path.get(), config.sampleRate(), true).channels()[0];
                } catch (IOException | RuntimeException ex) {
                    t.undecodable++;
                    LOG.warn("skipped {}: cannot decode audio: {}", path.get(), ex.getMessage());
                    continue;
                }
                for (Occurrence o : e.getValue()) {
                    int from = (int) Math.min(audio.length, Math.round(o.startMs() * config.sampleRate() / 1000.0));
                    int to = (int) Math.min(audio.length, Math.round(o.endMs() * config.sampleRate() / 1000.0));
                    if (to <= from) continue;
                    short[] pcm = ShardInstance.toPcm16(audio, from, to);
                    ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2);
                    buf.asShortBuffer().put(pcm);
                    where.put(o, new long[]{spool.length(), pcm.length});
                    spool.seek(spool.length());
                    spool.write(buf.array());
                }
            }
            int shard = 0;
            ShardWriter writer = null;
            List<String> shardNames = new ArrayList<>();
            int speakerGroups = 0;
            long speakerInstances = 0;
            try {
                for (NgramGroup g : groups) {
                    List<ShardInstance> xs = new ArrayList<>(g.size());
                    for (Occurrence o : g.occurrences()) {
                        long[] at = where.get(o);
                        bar.step();
                        if (at == null) continue;
                        byte[] bytes = new byte[(int) at[1] * 2];
                        spool.seek(at[0]);
                        spool.readFully(bytes);
                        short[] pcm = new short[(int) at[1]];
                        ByteBuffer.wrap(bytes).asShortBuffer().get(pcm);
                        xs.add(instance(books.get(o.book()), raws.get(o.book()), o, pcm));
                        t.samples += pcm.length;
                    }
                    if (xs.size() < config.minNgramOccurrences()) {
                        t.dropped++;
                        continue;
                    }
                    if (writer == null) {
                        String name = String.format(java.util.Locale.ROOT, "%s-%04d.shard", fileSafe(speaker), shard++);
                        shardNames.add(name);
                        writer = ShardWriter.create(outDir.resolve(name), speaker, config.sampleRate());
                    }
                    writer.add(new ShardGroup(speaker, g.ngram(), xs));
                    speakerGroups++;
                    speakerInstances += xs.size();
                    if (writer.groups() == config.groupsPerShard()) {
                        writer.commit();
                        writer = null;
                    }
                }
                if (writer != null) writer.commit();
            } finally {
                if (writer != null) writer.close();
            }
            Map<String, Object> doneInfo = new LinkedHashMap<>();
            doneInfo.put("speaker", speaker);
            doneInfo.put("groups", speakerGroups);
            doneInfo.put("instances", speakerInstances);
            doneInfo.put("shards", shardNames);
            AtomicFiles.write(outDir.resolve(fileSafe(speaker) + DONE_SUFFIX), out -> JSON.writeValue(out, doneInfo));
            t.speakers++;
            t.groups += speakerGroups;
            t.instances += speakerInstances;
            t.shards += shardNames.size();
        } finally {
            Files.deleteIfExists(spoolFile);
        }
    }

    /** The instance of an occurrence: the book text around it, its span in that text, its audio. */
    ShardInstance instance(AlignmentFile book, RawText raw, Occurrence o, short[] pcm) {
        String text = raw.text();
        int cs = raw.utf16(o.charStart());
        int ce = raw.utf16(o.charEnd());
        int from = Math.max(0, cs - config.contextChars());
        int to = Math.min(text.length(), ce + config.contextChars());
        if (from > 0) {
            int space = text.indexOf(' ', from - 1);
            if (space >= 0 && space + 1 <= cs) from = space + 1;
        }
        if (to < text.length()) {
            int space = text.lastIndexOf(' ', to);
            if (space >= ce) to = space;
        }
        // Never cut a surrogate pair.
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) from--;
        if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) to++;
        String fname = book.utterances().get(o.utterance()).fname();
        return new ShardInstance(text.substring(from, to), cs - from, ce - from, fname, o.startMs(), o.endMs(), pcm);
    }

    private static long uttKey(Occurrence o) {
        return ((long) o.book() << 32) | o.utterance();
    }

    /** A speaker id usable as a file name. */
    static String fileSafe(String speaker) {
        String s = speaker.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "_" : s;
    }
}
