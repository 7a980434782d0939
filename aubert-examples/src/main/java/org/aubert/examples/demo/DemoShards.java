package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/** Splits {@code aubert prepare}'s {@code <speaker>-NNNN.shard} files into training and held-out folders by speaker. */
public final class DemoShards {
    private DemoShards() {}

    /** Shard files moved into each folder. */
    public record Split(int train, int heldOut) {}

    /**
     * Moves each shard of {@code from} into {@code <to>/heldout} when its speaker is held out, else {@code <to>/train}.
     * Shards already moved by an earlier run stay where they are. Refuses to leave either side empty.
     */
    public static Split splitBySpeaker(Path from, Path to, Set<String> heldOutSpeakers) throws IOException {
        Path train = Files.createDirectories(to.resolve("train"));
        Path heldOut = Files.createDirectories(to.resolve("heldout"));
        List<Path> shards;
        try (var s = Files.list(from)) {
            shards = s.filter(p -> p.getFileName().toString().endsWith(".shard")).sorted().toList();
        }
        for (Path p : shards) {
            String name = p.getFileName().toString();
            String speaker = name.substring(0, Math.max(0, name.lastIndexOf('-')));
            Path target = (heldOutSpeakers.contains(speaker) ? heldOut : train).resolve(name);
            Files.move(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        int nTrain = count(train);
        int nHeld = count(heldOut);
        if (nTrain == 0 || nHeld == 0) {
            throw new IOException(from + ": the shards give " + nTrain + " training and " + nHeld + " held-out files (held-out speakers "
                    + heldOutSpeakers + "); both are needed");
        }
        return new Split(nTrain, nHeld);
    }

    private static int count(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".shard")).count();
        }
    }
}
