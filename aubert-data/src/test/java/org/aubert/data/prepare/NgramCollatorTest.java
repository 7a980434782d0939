package org.aubert.data.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.AudioReader;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.shard.ShardGroup;
import org.aubert.data.shard.ShardInstance;
import org.aubert.data.shard.ShardReader;

class NgramCollatorTest {
    @TempDir Path tmp;

    @Test
    void shardsHoldTheSelectedGroupsWithTheirAudioAndContext() throws Exception {
        Path audio = tmp.resolve("audio");
        AlignmentFile book = CorpusFixture.write(audio, 6);
        CollatorConfig cfg = new CollatorConfig(2, 4, 5, 1000, 1, 0, 40, 3, 16000, 0);
        Path out = tmp.resolve("shards");
        CollationSummary s = new NgramCollator(cfg).run(List.of(book), audio, out, false);
        NgramSelection sel = NgramSelection.select(List.of(book), cfg);
        assertEquals(sel.groups().size(), s.groups());
        assertEquals(sel.counts().instances(), s.instances());
        assertEquals(2, s.speakersWritten());
        int groups = 0;
        try (var files = Files.list(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".shard")).sorted().toList()) {
                try (ShardReader r = ShardReader.open(f)) {
                    assertTrue(r.size() <= 3);
                    for (ShardGroup g : r.readAll()) {
                        groups++;
                        assertTrue(g.size() >= 4 && g.size() <= 5);
                        for (ShardInstance x : g.instances()) {
                            assertEquals(g.ngram(), x.spanText().toLowerCase().replaceAll("[^a-z' ]", ""), x.context());
                            assertTrue(x.context().length() <= x.spanText().length() + 80);
                            assertTrue(book.raw().contains(x.context()));
                            String file = x.source().substring(x.source().indexOf(g.speaker() + "/"));
                            float[] src = AudioReader.load(audio.resolve(file), 16000, true).channels()[0];
                            short[] want = ShardInstance.toPcm16(src, (int) (x.audioStartMs() * 16), (int) (x.audioEndMs() * 16));
                            assertArrayEquals(want, x.samples(), x.source());
                        }
                    }
                }
            }
        }
        assertEquals(s.groups(), groups);
        assertEquals(s.shards(), (int) Math.ceil(sel.groups().stream().filter(g -> g.speaker().equals("sA")).count() / 3.0)
                + (int) Math.ceil(sel.groups().stream().filter(g -> g.speaker().equals("sB")).count() / 3.0));

        CollationSummary again = new NgramCollator(cfg).run(List.of(book), audio, out, false);
        assertEquals(2, again.speakersResumed());
        assertEquals(0, again.speakersWritten());
    }

    @Test
    void missingAndBrokenAudioAreCountedAndTheRestWritten() throws Exception {
        Path audio = tmp.resolve("audio");
        AlignmentFile book = CorpusFixture.write(audio, 6);
        Files.delete(audio.resolve("sA/7/utt0.wav"));
        Files.writeString(audio.resolve("sA/7/utt2.wav"), "RIFF but not really audio");
        CollatorConfig cfg = new CollatorConfig(1, 4, 32, 1000, 1, 0, 40, 100, 16000, 0);
        CollationSummary s = new NgramCollator(cfg).run(List.of(book), audio, tmp.resolve("out"), false);
        assertEquals(1, s.missingAudio());
        assertEquals(1, s.badAudio());
        assertEquals(2, s.speakersWritten());
        assertTrue(s.groups() > 0);
        assertTrue(s.line().contains("1 missing audio") && s.line().contains("1 undecodable audio"), s.line());
        try (var files = Files.list(tmp.resolve("out"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no spool or temp files left");
        }
    }
}
