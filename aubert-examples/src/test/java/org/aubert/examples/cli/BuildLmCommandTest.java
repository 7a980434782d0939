package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aubert build-lm} on the demo book (demo/corpus/books) and on bad input. */
class BuildLmCommandTest {
    @TempDir Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(out, err, args);
    }

    private static Path demoBook() throws Exception {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path books = d.resolve("demo/corpus/books");
            if (Files.isDirectory(books)) {
                try (var s = Files.list(books)) {
                    return s.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
                }
            }
        }
        fail("demo/corpus/books not found");
        return null;
    }

    @Test
    void buildsATrigramModelOfTheDemoBook() throws Exception {
        Path lm = tmp.resolve("lm/book.arpa");
        long t0 = System.nanoTime();
        assertEquals(0, run("build-lm", "--text", demoBook().toString(), "--order", "3", "--output", lm.toString()), err.toString());
        System.out.printf("build-lm: demo book 3-gram in %.0f ms (in-process, JIT cold)%n", (System.nanoTime() - t0) / 1e6);
        Matcher m = Pattern.compile("build-lm: 1 files, (\\d+) sentences, (\\d+) words, (\\d+) types, 0 bad lines skipped; 3-gram model: "
                + "1-grams (\\d+) \\(D [0-9.]+ [0-9.]+ [0-9.]+\\) 2-grams (\\d+) .* 3-grams (\\d+) ").matcher(out.toString());
        assertTrue(m.find(), out.toString());
        int types = Integer.parseInt(m.group(3));
        assertTrue(Integer.parseInt(m.group(2)) > 35000 && types > 4000, out.toString());
        assertEquals(types + 3, Integer.parseInt(m.group(4)));
        assertFalse(out.toString().contains("fallback"), out.toString());

        List<String> lines = Files.readAllLines(lm);
        assertEquals("\\data\\", lines.get(0));
        assertEquals("ngram 1=" + m.group(4), lines.get(1));
        assertEquals("ngram 2=" + m.group(5), lines.get(2));
        assertEquals("ngram 3=" + m.group(6), lines.get(3));
        assertEquals("\\end\\", lines.get(lines.size() - 1));
        Map<String, Double> logp = new HashMap<>();
        for (String l : lines) {
            String[] f = l.split("\t");
            if (f.length >= 2) logp.put(f[1], Double.parseDouble(f[0]));
        }
        // "the" is the commonest word; a seen trigram of the book beats its unseen reversal.
        assertTrue(logp.get("the") > logp.get("electricity"), "p(the) > p(electricity)");
        assertTrue(logp.containsKey("the demon of"), "trigram 'the demon of'");
        assertTrue(logp.containsKey("rob's"), "apostrophe kept inside words");
        assertFalse(Files.list(lm.getParent()).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));

        assertEquals(0, run("build-lm", "--text", demoBook().toString(), "--output", lm.toString()));
        assertTrue(out.toString().contains("exists, skipped"), out.toString());
    }

    @Test
    void badInputIsOneClearLineAndWritesNothing() throws Exception {
        Path lm = tmp.resolve("lm.arpa");
        assertEquals(1, run("build-lm", "--text", tmp.resolve("absent.txt").toString(), "--output", lm.toString()));
        assertTrue(err.toString().contains("absent.txt") && err.toString().contains("does not exist"), err.toString());
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "");
        assertEquals(1, run("build-lm", "--text", empty.toString(), "--output", lm.toString()));
        assertTrue(err.toString().contains("empty.txt: no words in the text"), err.toString());
        assertEquals(1, run("build-lm", "--text", empty.toString(), "--order", "0", "--output", lm.toString()));
        assertTrue(err.toString().contains("build-lm: error: --order must be at least 1, got 0"), err.toString());
        assertFalse(Files.exists(lm));
    }
}
