package org.aubert.nn.ctc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.io.AtomicFiles;

/**
 * Writes the tokenizer files of a character CTC vocabulary in HF's {@code Wav2Vec2CTCTokenizer} layout:
 * {@code vocab.json}, {@code tokenizer_config.json}, {@code special_tokens_map.json}. Ids: {@code <pad>} (the blank)
 * 0, {@code <s>} 1, {@code </s>} 2, {@code <unk>} 3, {@code |} (word delimiter) 4, then the characters.
 */
public final class CtcVocabFiles {
    public static final List<String> SPECIAL = List.of("<pad>", "<s>", "</s>", "<unk>", "|");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CtcVocabFiles() {}

    /** The tokens for {@code texts}: the special ones, then every character but white space, lower-cased, sorted. */
    public static List<String> tokensOf(Collection<String> texts) {
        TreeSet<Integer> chars = new TreeSet<>();
        for (String t : texts) {
            t.toLowerCase(java.util.Locale.ROOT).codePoints().filter(c -> !Character.isWhitespace(c) && c != '|').forEach(chars::add);
        }
        List<String> tokens = new ArrayList<>(SPECIAL);
        for (int c : chars) tokens.add(new String(Character.toChars(c)));
        return tokens;
    }

    /** Writes the three files into {@code dir} (created if needed); returns {@code dir}. */
    public static Path write(Path dir, List<String> tokens) throws IOException {
        Files.createDirectories(dir);
        ObjectNode vocab = JSON.createObjectNode();
        for (int i = 0; i < tokens.size(); i++) vocab.put(tokens.get(i), i);
        AtomicFiles.writeString(dir.resolve("vocab.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(vocab) + "\n");
        ObjectNode special = JSON.createObjectNode();
        special.put("bos_token", "<s>");
        special.put("eos_token", "</s>");
        special.put("unk_token", "<unk>");
        special.put("pad_token", "<pad>");
        AtomicFiles.writeString(dir.resolve("special_tokens_map.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(special) + "\n");
        ObjectNode cfg = special.deepCopy();
        cfg.put("tokenizer_class", "Wav2Vec2CTCTokenizer");
        cfg.put("word_delimiter_token", "|");
        cfg.put("replace_word_delimiter_char", " ");
        cfg.put("do_lower_case", false);
        AtomicFiles.writeString(dir.resolve("tokenizer_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cfg) + "\n");
        return dir;
    }
}
