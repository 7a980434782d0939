package org.aubert.data.transcribe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The audio files (.flac, .wav) under a libri-light style folder {@code <speaker>/<book>/<file>}, and their
 * split over workers as the original pipeline did it: speakers sorted by name, speaker i to rank
 * {@code i % worldSize}.
 */
public final class AudioCorpus {
    private AudioCorpus() {}

    /** One audio file; {@code relative} uses '/' separators. */
    public record Item(Path path, String relative, String speaker) {}

    /** Every audio file under {@code root}, sorted by relative path. */
    public static List<Item> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new java.nio.file.NoSuchFileException(root.toString(), null, "not a folder");
        List<Item> items = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(p) || !(name.endsWith(".flac") || name.endsWith(".wav"))) continue;
                Path rel = root.relativize(p);
                String relative = rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
                items.add(new Item(p, relative, rel.getNameCount() > 1 ? rel.getName(0).toString() : ""));
            }
        }
        items.sort((a, b) -> a.relative().compareTo(b.relative()));
        return items;
    }

    /** The items of the speakers that fall to {@code rank}. */
    public static List<Item> shard(List<Item> items, int rank, int worldSize) {
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank " + rank + " is not in 0.." + (worldSize - 1) + " (world size " + worldSize + ")");
        }
        TreeMap<String, Integer> speakerIndex = new TreeMap<>();
        for (Item i : items) speakerIndex.put(i.speaker(), 0);
        int k = 0;
        for (var e : speakerIndex.entrySet()) e.setValue(k++);
        List<Item> out = new ArrayList<>();
        for (Item i : items) if (speakerIndex.get(i.speaker()) % worldSize == rank) out.add(i);
        return out;
    }
}
