package org.aubert.core.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a BERT tokenizer, as in HF's tokenizer_config.json.
 *
 * @param doLowerCase lower-case the input (HF default true)
 * @param stripAccents strip accents; {@code null} means "follow doLowerCase", as in HF
 * @param tokenizeChineseChars pad CJK ideographs with spaces so each is a word
 * @param modelMaxLength longest encoding the model accepts, {@link Integer#MAX_VALUE} when not given
 * @param additionalSpecialTokens further tokens kept whole in the input, like [MASK]
 */
public record BertTokenizerConfig(boolean doLowerCase, Boolean stripAccents, boolean tokenizeChineseChars,
                                  String unkToken, String sepToken, String padToken, String clsToken,
                                  String maskToken, int modelMaxLength, List<String> additionalSpecialTokens) {

    public BertTokenizerConfig {
        additionalSpecialTokens = List.copyOf(additionalSpecialTokens);
        if (modelMaxLength < 1) throw new IllegalArgumentException("modelMaxLength must be positive: " + modelMaxLength);
    }

    /** HF's BertTokenizer defaults (uncased, accents follow lower-casing, [UNK]/[SEP]/[PAD]/[CLS]/[MASK]). */
    public static BertTokenizerConfig defaults() {
        return new BertTokenizerConfig(true, null, true, "[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]",
                Integer.MAX_VALUE, List.of());
    }

    /** Reads a tokenizer_config.json; keys it does not know are ignored, missing ones take HF's defaults. */
    public static BertTokenizerConfig read(Path tokenizerConfigJson) throws IOException {
        Path file = tokenizerConfigJson;
        JsonNode json = TokenizerJson.readObject(file);
        BertTokenizerConfig d = defaults();
        List<String> additional = new ArrayList<>();
        JsonNode extra = json.get("additional_special_tokens");
        if (extra != null && !extra.isNull()) {
            if (!extra.isArray()) throw new TokenizerFileException(file, 0, "'additional_special_tokens' must be a list");
            for (JsonNode token : extra) additional.add(TokenizerJson.tokenText(file, "additional_special_tokens", token));
        }
        return new BertTokenizerConfig(
                TokenizerJson.bool(file, json, "do_lower_case", d.doLowerCase()),
                TokenizerJson.nullableBool(file, json, "strip_accents"),
                TokenizerJson.bool(file, json, "tokenize_chinese_chars", d.tokenizeChineseChars()),
                TokenizerJson.token(file, json, "unk_token", d.unkToken()),
                TokenizerJson.token(file, json, "sep_token", d.sepToken()),
                TokenizerJson.token(file, json, "pad_token", d.padToken()),
                TokenizerJson.token(file, json, "cls_token", d.clsToken()),
                TokenizerJson.token(file, json, "mask_token", d.maskToken()),
                TokenizerJson.lengthLimit(file, json, "model_max_length"),
                additional);
    }

    /** Whether accents are stripped: {@link #stripAccents()} if given, else {@link #doLowerCase()}. */
    public boolean stripsAccents() {
        return stripAccents != null ? stripAccents : doLowerCase;
    }

    public BertTokenizerConfig withDoLowerCase(boolean value) {
        return new BertTokenizerConfig(value, stripAccents, tokenizeChineseChars, unkToken, sepToken, padToken,
                clsToken, maskToken, modelMaxLength, additionalSpecialTokens);
    }

    public BertTokenizerConfig withStripAccents(Boolean value) {
        return new BertTokenizerConfig(doLowerCase, value, tokenizeChineseChars, unkToken, sepToken, padToken,
                clsToken, maskToken, modelMaxLength, additionalSpecialTokens);
    }

    public BertTokenizerConfig withTokenizeChineseChars(boolean value) {
        return new BertTokenizerConfig(doLowerCase, stripAccents, value, unkToken, sepToken, padToken,
                clsToken, maskToken, modelMaxLength, additionalSpecialTokens);
    }

    public BertTokenizerConfig withModelMaxLength(int value) {
        return new BertTokenizerConfig(doLowerCase, stripAccents, tokenizeChineseChars, unkToken, sepToken,
                padToken, clsToken, maskToken, value, additionalSpecialTokens);
    }

    /** The named special tokens, in HF's order; null entries (no such token) are left out. */
    Map<String, String> namedSpecialTokens() {
        Map<String, String> named = new LinkedHashMap<>();
        named.put("pad_token", padToken);
        named.put("unk_token", unkToken);
        named.put("cls_token", clsToken);
        named.put("sep_token", sepToken);
        named.put("mask_token", maskToken);
        named.values().removeIf(Objects::isNull);
        return named;
    }
}
