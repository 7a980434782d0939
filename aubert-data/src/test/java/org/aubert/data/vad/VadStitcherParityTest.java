package org.aubert.data.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@link VadStitcher} against plans made by tools/vad/cut_by_vad_parity.py, a Python re-implementation of
 * libri-light's cut_by_vad.py grouping (300 seeded random VAD lists, including reversed, negative and
 * out-of-range segments), checked there against numpy slicing of an index array.
 */
class VadStitcherParityTest {

    @Test
    void samePiecesAsTheLibriLightScript() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/vad/stitch_parity.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int cases = 0;
        int pieces = 0;
        for (JsonNode c : root.get("cases")) {
            List<VadSegment> vad = new ArrayList<>();
            for (JsonNode s : c.get("voice_activity")) vad.add(new VadSegment(s.get(0).asDouble(), s.get(1).asDouble()));
            List<Piece> got = VadStitcher.plan(vad, c.get("samples").asLong(), c.get("sample_rate").asInt(), c.get("target_len_sec").asDouble());
            JsonNode want = c.get("pieces");
            String ctx = "case " + cases;
            assertEquals(want.size(), got.size(), ctx + ": piece count");
            for (int p = 0; p < want.size(); p++) {
                Piece piece = got.get(p);
                assertEquals(p, piece.index());
                assertEquals(want.get(p).size(), piece.runs().size(), ctx + " piece " + p + ": run count");
                long at = 0;
                for (int r = 0; r < piece.runs().size(); r++) {
                    Piece.Run run = piece.runs().get(r);
                    String rctx = ctx + " piece " + p + " run " + r;
                    assertEquals(want.get(p).get(r).get(0).asLong(), run.sourceStart(), rctx + " start");
                    assertEquals(want.get(p).get(r).get(1).asLong(), run.sourceEnd(), rctx + " end");
                    assertEquals(at, run.pieceStart(), rctx + " piece offset");
                    at += run.length();
                }
                assertEquals(at, piece.length());
            }
            cases++;
            pieces += got.size();
        }
        assertEquals(300, cases);
        assertEquals(2089, pieces);
    }

    @Test
    void groupingRuleOnAHandMadeList() {
        // 10 + 15 = 25 <= 30 stay together; +10 would be 35 > 30: new piece; a 40 s segment stands alone;
        // gaps are dropped; int() truncation of start * rate
        List<VadSegment> vad = List.of(new VadSegment(0.5, 10.5), new VadSegment(11.0, 26.0), new VadSegment(27.0, 37.0),
                new VadSegment(38.0, 78.0), new VadSegment(80.0, 80.00001));
        List<Piece> p = VadStitcher.plan(vad, 100 * 16000, 16000, 30);
        assertEquals(4, p.size());
        assertEquals(List.of(new Piece.Run(0, 8000, 168000), new Piece.Run(160000, 176000, 416000)), p.get(0).runs());
        assertEquals(List.of(new Piece.Run(0, 27 * 16000, 37 * 16000)), p.get(1).runs());
        assertEquals(List.of(new Piece.Run(0, 38 * 16000, 78 * 16000)), p.get(2).runs());
        assertEquals(List.of(new Piece.Run(0, 80 * 16000, 80 * 16000)), p.get(3).runs()); // 0.16 samples: empty slice, kept
    }
}
