package org.aubert.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.TestData;

class NpyTest {
    @TempDir Path tmp;

    @Test
    void readsTheOracleInputs() throws IOException {
        Tensor ids = Npy.read(TestData.path("oracles/text/inputs/input_ids.npy"));
        assertEquals(DType.I64, ids.dtype());
        assertArrayEquals(new long[]{2, 16}, ids.shape());
        assertEquals(2, ids.toLongArray()[0]); // [CLS]
        Tensor mask = Npy.read(TestData.path("oracles/audio/inputs/batch_attention_mask.npy"));
        assertEquals(DType.I32, mask.dtype());
        assertArrayEquals(new long[]{2, 16000}, mask.shape());
        long valid = 0;
        for (long v : mask.toLongArray()) valid += v;
        assertEquals(16000 + 12000, valid);
        Tensor x = Npy.read(TestData.path("oracles/audio/inputs/single0_input_values.npy"));
        assertEquals(DType.F32, x.dtype());
        assertArrayEquals(new long[]{1, 16000}, x.shape());
    }

    @Test
    void roundTripsEveryNumpyDtype() throws IOException {
        Tensor[] ts = {
            Tensor.ofFloats(new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, -6}),
            Tensor.ofDoubles(new long[]{1}, new double[]{Math.E}),
            Tensor.ofLongs(new long[]{}, new long[]{-3}),
            Tensor.ofInts(new long[]{0, 5}, new int[0]),
            new Tensor(DType.BOOL, new long[]{2}, ByteBuffer.wrap(new byte[]{1, 0})),
        };
        for (Tensor t : ts) {
            Path p = tmp.resolve("t.npy");
            Npy.write(p, t);
            Tensor back = Npy.read(p);
            assertTrue(t.contentEquals(back), t.toString());
            assertEquals(0, (Files.size(p) - t.numel() * t.dtype().byteSize()) % 64, "header aligned to 64");
        }
        assertThrows(IOException.class, () -> Npy.write(tmp.resolve("b.npy"),
                new Tensor(DType.BF16, new long[]{1}, ByteBuffer.allocate(2))));
    }

    @Test
    void readsBigEndianAndFortranOrder() throws IOException {
        // '>i4', fortran order, shape (2, 3): memory holds column-major [[0,1,2],[3,4,5]] -> 0,3,1,4,2,5
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int v : new int[]{0, 3, 1, 4, 2, 5}) raw.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
        Tensor t = Npy.read(new java.io.ByteArrayInputStream(npy("{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }",
                raw.toByteArray())), "f.npy");
        assertArrayEquals(new long[]{0, 1, 2, 3, 4, 5}, t.toLongArray());
    }

    @Test
    void refusesBadFiles() {
        IOException e = assertThrows(IOException.class, () -> Npy.read(new java.io.ByteArrayInputStream(
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", new byte[8])), "short.npy"));
        assertEquals("short.npy: truncated .npy data: expected 16 bytes, found 8", e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.read(new java.io.ByteArrayInputStream(
                npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8])), "c.npy"));
        assertEquals("c.npy: unsupported .npy dtype '<c8'", e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.read(new java.io.ByteArrayInputStream(
                "hello world".getBytes(StandardCharsets.UTF_8)), "x.npy"));
        assertEquals("x.npy: not a .npy file (bad magic)", e.getMessage());
    }

    private static byte[] npy(String dict, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        String h = dict + "\n";
        out.write(h.length() & 0xff);
        out.write(h.length() >> 8);
        out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }
}
