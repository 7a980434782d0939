package org.aubert.core.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throughput check, not a test: tokenises a text file sentence by sentence (and whole), after a warm-up.
 * Run after {@code mvn -pl aubert-core test-compile}:
 * {@code java -cp aubert-core/target/classes:aubert-core/target/test-classes:<jackson+slf4j jars>
 * org.aubert.core.tokenize.BertTokenizerBenchmark BOOK.txt aubert-core/src/test/resources/tokenize/bert_uncased_3k}
 */
public final class BertTokenizerBenchmark {

    private BertTokenizerBenchmark() {}

    public static void main(String[] args) throws IOException {
        String book = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        BertTokenizer tokenizer = BertTokenizer.load(Path.of(args[1]));
        // The book is one line; sentences stand in for lines.
        String[] sentences = book.split("(?<=[.!?])\\s+");
        long tokens = 0;
        for (int round = 0; round < 10; round++) tokens = run(tokenizer, sentences);
        int rounds = 20;
        long t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) tokens = run(tokenizer, sentences);
        double perPass = (System.nanoTime() - t0) / 1e6 / rounds;
        System.out.printf("%d chars, %d sentences, %d tokens: %.1f ms per pass sentence by sentence (%.1f MB/s)%n",
                book.length(), sentences.length, tokens, perPass, book.length() / perPass / 1e3);
        t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) tokens = tokenizer.encode(book).size();
        System.out.printf("whole book in one call: %d tokens, %.1f ms%n", tokens, (System.nanoTime() - t0) / 1e6 / rounds);
    }

    private static long run(BertTokenizer tokenizer, String[] sentences) {
        long tokens = 0;
        for (String s : sentences) tokens += tokenizer.encode(s).size();
        return tokens;
    }
}
