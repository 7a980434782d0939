package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;
import org.aubert.nn.NdArrays;
import org.aubert.nn.bert.BertForMaskedLM;
import org.aubert.nn.bert.BertModel;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * {@code aubert encode}: runs a BERT, HuBERT or wav2vec2 folder on .npy inputs. Text models take int64
 * ids; audio models take float32 {@code input_values}, fed unchanged (no normalisation here).
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Run a BERT / HuBERT / wav2vec2 encoder on .npy inputs; writes last_hidden_state (--head none) or logits (ctc|mlm).")
final class EncodeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(EncodeCommand.class);

    enum Head { none, ctc, mlm }

    @Option(names = "--model", required = true, description = "HuggingFace model folder (config.json + model.safetensors or pytorch_model.bin).")
    Path model;

    @Option(names = "--input", required = true, description = "int64 input_ids [B, T] (text) or float32 input_values [B, S] (audio).")
    Path input;

    @Option(names = "--attention-mask", description = "[B, T] or [B, S] mask, 1 = real, 0 = padding.")
    Path attentionMask;

    @Option(names = "--token-type-ids", description = "int64 [B, T] segment ids (text models only).")
    Path tokenTypeIds;

    @Option(names = "--output", required = true, description = ".npy file to write (atomically).")
    Path output;

    @Option(names = "--head", defaultValue = "none", description = "none | ctc | mlm (default: ${DEFAULT-VALUE}).")
    Head head;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        String type = modelType();
        Tensor x = Npy.read(input);
        INDArray mask = attentionMask == null ? null : NdArrays.toArray(Npy.read(attentionMask), DataType.FLOAT);
        INDArray result;
        if (type.equals("bert")) {
            if (head == Head.ctc) throw new IllegalArgumentException("--head ctc needs an audio model; " + model + " is BERT");
            if (x.dtype().isFloating()) throw new IllegalArgumentException(input + ": text models take integer input_ids, got " + x.dtype());
            INDArray ids = NdArrays.toArray(x, DataType.INT64);
            INDArray types = tokenTypeIds == null ? null : NdArrays.toArray(Npy.read(tokenTypeIds), DataType.INT64);
            result = head == Head.mlm
                    ? BertForMaskedLM.load(model, DataType.FLOAT, false).forward(ids, mask, types).logits()
                    : BertModel.load(model, DataType.FLOAT, false).forward(ids, mask, types).lastHiddenState();
        } else {
            if (head == Head.mlm) throw new IllegalArgumentException("--head mlm needs a BERT model; " + model + " is " + type);
            if (tokenTypeIds != null) throw new IllegalArgumentException("--token-type-ids is for text models; " + model + " is " + type);
            if (!x.dtype().isFloating()) throw new IllegalArgumentException(input + ": audio models take float input_values, got " + x.dtype());
            AudioEncoder enc = AudioEncoder.load(model, DataType.FLOAT, false);
            if (head == Head.ctc && !enc.hasCtcHead()) {
                throw new IllegalArgumentException("--head ctc: " + model + " has no lm_head (not a *ForCTC checkpoint)");
            }
            var out = enc.forward(NdArrays.toArray(x, DataType.FLOAT), mask);
            result = head == Head.ctc ? out.logits() : out.lastHiddenState();
        }
        Npy.write(output, NdArrays.toTensor(result));
        log.info("encode: {} {} -> {} {} in {} ms", type, java.util.Arrays.toString(x.shape()), output,
                java.util.Arrays.toString(result.shape()), (System.nanoTime() - start) / 1_000_000);
        return 0;
    }

    private String modelType() throws IOException {
        Path cfg = model.resolve("config.json");
        if (!cfg.toFile().isFile()) throw new IOException(model + ": no config.json (is this a HuggingFace model folder?)");
        JsonNode n = new ObjectMapper().readTree(cfg.toFile()).get("model_type");
        String t = n == null ? "" : n.asText().toLowerCase(Locale.ROOT);
        if (!t.equals("bert") && !t.equals("hubert") && !t.equals("wav2vec2")) {
            throw new IllegalArgumentException(cfg + ": model_type '" + t + "' is not bert, hubert or wav2vec2");
        }
        return t;
    }
}
