package org.aubert.examples.cli;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.core.io.AtomicFiles;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.core.tokenize.Encoding;

/** {@code aubert tokenize}: one text per line → ids, tokens and HF offset mappings as JSON. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Tokenise one text per input line with a BERT WordPiece vocabulary (ids, tokens, offsets as HF's offset_mapping).")
final class TokenizeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(TokenizeCommand.class);

    @Option(names = "--model", required = true, description = "Model folder with vocab.txt (and tokenizer_config.json).")
    Path model;

    @Option(names = "--input", required = true, description = "UTF-8 text file, one text per line.")
    Path input;

    @Option(names = "--output", required = true, description = "JSON file to write (atomically).")
    Path output;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        BertTokenizer tokenizer = BertTokenizer.load(model);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ObjectMapper json = new ObjectMapper();
        int lines = 0;
        long tokenCount = 0;
        // Three parallel arrays, as an HF batch encoding holds them; buffered, then written in one atomic step.
        java.io.ByteArrayOutputStream ids = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream tokens = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream offsets = new java.io.ByteArrayOutputStream();
        byte[] bytes = Files.readAllBytes(input);
        try (JsonGenerator gi = json.createGenerator(ids); JsonGenerator gt = json.createGenerator(tokens);
             JsonGenerator go = json.createGenerator(offsets)) {
            gi.writeStartArray();
            gt.writeStartArray();
            go.writeStartArray();
            int from = 0;
            int lineNo = 0;
            while (from < bytes.length) {
                int nl = from;
                while (nl < bytes.length && bytes[nl] != '\n') nl++;
                lineNo++;
                int to = nl > from && bytes[nl - 1] == '\r' ? nl - 1 : nl;
                String line;
                try {
                    line = decoder.decode(java.nio.ByteBuffer.wrap(bytes, from, to - from)).toString();
                } catch (CharacterCodingException e) {
                    throw new java.io.IOException(input + ":" + lineNo + ": not valid UTF-8");
                }
                from = nl + 1;
                Encoding e = tokenizer.encode(line);
                gi.writeArray(e.ids(), 0, e.ids().length);
                gt.writeStartArray();
                for (String t : e.tokens()) gt.writeString(t);
                gt.writeEndArray();
                go.writeStartArray();
                for (int[] o : e.offsets()) go.writeArray(o, 0, 2);
                go.writeEndArray();
                lines++;
                tokenCount += e.size();
            }
            gi.writeEndArray();
            gt.writeEndArray();
            go.writeEndArray();
        }
        AtomicFiles.write(output, out -> {
            out.write("{\"input_ids\": ".getBytes(StandardCharsets.UTF_8));
            ids.writeTo(out);
            out.write(", \"tokens\": ".getBytes(StandardCharsets.UTF_8));
            tokens.writeTo(out);
            out.write(", \"offsets\": ".getBytes(StandardCharsets.UTF_8));
            offsets.writeTo(out);
            out.write("}\n".getBytes(StandardCharsets.UTF_8));
        });
        log.info("tokenize: {} lines, {} tokens -> {} in {} ms", lines, tokenCount, output,
                (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
