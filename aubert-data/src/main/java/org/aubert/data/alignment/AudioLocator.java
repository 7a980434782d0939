package org.aubert.data.alignment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an utterance's audio under an audio root. Alignment files name audio as the original pipeline saw it (e.g.
 * {@code ../temp-out-librivox/100/740/x.flac}); the file is looked up under the root by that path with leading
 * {@code .}/{@code ..} parts removed, then by ever shorter tails of it ({@code 100/740/x.flac}, {@code 740/x.flac},
 * {@code x.flac}), so a corpus moved to another root is still found.
 */
public final class AudioLocator {
    private final Path root;

    public AudioLocator(Path root) {
        this.root = root;
    }

    public Optional<Path> find(String fname) {
        List<String> parts = new ArrayList<>();
        for (String p : fname.replace('\\', '/').split("/")) {
            if (!p.isEmpty() && !p.equals(".") && !p.equals("..")) parts.add(p);
        }
        for (int from = 0; from < parts.size(); from++) {
            Path candidate = root;
            for (int k = from; k < parts.size(); k++) candidate = candidate.resolve(parts.get(k));
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
