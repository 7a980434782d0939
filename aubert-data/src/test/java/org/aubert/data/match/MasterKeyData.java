package org.aubert.data.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real data: the Master Key book text and ASR transcripts (testdata/master_key), and span tables under
 * src/test/resources/match derived from the original pipeline's JSON (bench/match/make_test_spans.py).
 */
final class MasterKeyData {
    static final String BOOK = "master_key_librivox_64kb_mp3_text.txt";

    /** A row of aligned_spans.tsv: the original run's span before refinement (old) and after (ref). */
    record Reference(String fname, int oldStart, int oldEnd, double oldSimilarity, int start, int end, double similarity) {}

    /** A row of matched_spans.tsv: the original matcher's output. */
    record Matched(String fname, int start, int end, double similarity) {}

    private MasterKeyData() {}

    /** The span tables derived for these tests. */
    static Path dir() { return resource("/match/aligned_spans.tsv"); }

    /** The shared real data (book text, transcripts) under testdata/master_key. */
    static Path shared() { return resource("/testdata/master_key/" + BOOK); }

    private static Path resource(String name) {
        try {
            return Path.of(MasterKeyData.class.getResource(name).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String raw() { return read(shared().resolve(BOOK)); }

    static Map<String, String> transcripts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(shared(), "master_key.transcriptions.tsv")) {
            String[] p = line.split("\t");
            out.put(p[0], p[1].strip());
        }
        return out;
    }

    static List<Reference> references() {
        List<Reference> out = new ArrayList<>();
        for (String line : lines(dir(), "aligned_spans.tsv")) {
            String[] p = line.split("\t");
            out.add(new Reference(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Double.parseDouble(p[3]),
                    Integer.parseInt(p[4]), Integer.parseInt(p[5]), Double.parseDouble(p[6])));
        }
        return out;
    }

    static List<Matched> matched() {
        List<Matched> out = new ArrayList<>();
        for (String line : lines(dir(), "matched_spans.tsv")) {
            String[] p = line.split("\t");
            out.add(new Matched(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Double.parseDouble(p[3])));
        }
        return out;
    }

    private static List<String> lines(Path dir, String name) {
        List<String> out = new ArrayList<>();
        for (String l : read(dir.resolve(name)).split("\n")) if (!l.isBlank()) out.add(l);
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
