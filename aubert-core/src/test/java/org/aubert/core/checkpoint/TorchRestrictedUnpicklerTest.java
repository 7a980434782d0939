package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Opcode-level behaviour of the restricted unpickler, on CPython-written and hand-made streams. */
class TorchRestrictedUnpicklerTest {

    /**
     * CPython 3 {@code pickle.dumps(obj, protocol=p)} of
     * {@code x = [1]; obj = [42, True, False, 2**80, -2**70, -2.5, inf, 'café\n\\', (1, None), {'k': [1, 2]}, x, x,
     * 300, 70000, -1, 2**31]} for protocols 0, 1, 2 and 5.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "286c70300a4934320a614930310a614930300a614c313230383932353831393631343632393137343730363137364c0a614c2d3131383035"
            + "39313632303731373431313330333432344c0a61462d322e350a6146696e660a6156636166e95c75303030615c75303035630a70310a61"
            + "2849310a4e7470320a61286470330a566b0a70340a286c70350a49310a6149320a617361286c70360a49310a616167360a6149333030"
            + "0a614937303030300a61492d310a614c323134373438333634384c0a612e",
        "5d7100284b2a4930310a4930300a4c313230383932353831393631343632393137343730363137364c0a4c2d3131383035393136323037"
            + "31373431313330333432344c0a47c004000000000000477ff00000000000005807000000636166c3a90a5c7101284b014e7471027d71"
            + "0358010000006b71045d7105284b014b0265735d71064b016168064d2c014a701101004affffffff4c323134373438333634384c0a652e",
        "80025d7100284b2a88898a0b00000000000000000000018a090000000000000000c047c004000000000000477ff00000000000005807000000"
            + "636166c3a90a5c71014b014e8671027d710358010000006b71045d7105284b014b0265735d71064b016168064d2c014a701101004aff"
            + "ffffff8a050000008000652e",
        "8005956c000000000000005d94284b2a88898a0b00000000000000000000018a090000000000000000c047c004000000000000477ff000"
            + "00000000008c07636166c3a90a5c944b014e86947d948c016b945d94284b014b0265735d944b016168064d2c014a701101004affffffff"
            + "8a050000008000652e"})
    void decodesCPythonPicklesOfEveryProtocol(String hex) throws IOException {
        List<?> v = assertInstanceOf(ArrayList.class, load(HexFormat.of().parseHex(hex)));
        assertEquals(16, v.size());
        assertEquals(42L, v.get(0));
        assertEquals(Boolean.TRUE, v.get(1));
        assertEquals(Boolean.FALSE, v.get(2));
        assertEquals(BigInteger.TWO.pow(80), v.get(3));
        assertEquals(BigInteger.TWO.pow(70).negate(), v.get(4));
        assertEquals(-2.5, v.get(5));
        assertEquals(Double.POSITIVE_INFINITY, v.get(6));
        assertEquals("café\n\\", v.get(7));
        assertEquals(PickleTuple.of(1L, null), v.get(8));
        assertEquals(Map.of("k", List.of(1L, 2L)), v.get(9));
        assertEquals(List.of(1L), v.get(10));
        assertSame(v.get(10), v.get(11), "memoised object is shared, not copied");
        assertEquals(List.of(300L, 70000L, -1L, 2147483648L), v.subList(12, 16));
    }

    @Test
    void decodesBytesAndSetsOfProtocol5() throws IOException {
        // pickle.dumps([b'ab\x00', {1, 2}, frozenset({3}), bytearray(b'z')], protocol=5)
        byte[] p = HexFormat.of().parseHex("80059523000000000000005d94284303616200948f94284b014b0290284b0391949601000000000000"
                + "007a94652e");
        List<?> v = assertInstanceOf(ArrayList.class, load(p));
        assertArrayEquals(new byte[] {'a', 'b', 0}, (byte[]) v.get(0));
        assertEquals(Set.of(1L, 2L), v.get(1));
        assertEquals(Set.of(3L), v.get(2));
        assertArrayEquals(new byte[] {'z'}, (byte[]) v.get(3));
    }

    @Test
    void decodesOrderedDictAndSelfReferencingList() throws IOException {
        // pickle.dumps(OrderedDict(a=1), protocol=2)
        Object od = load(HexFormat.of().parseHex("800263636f6c6c656374696f6e730a4f726465726564446963740a710029527101580100"
                + "00006171024b01732e"));
        assertEquals(Map.of("a", 1L), od);
        assertInstanceOf(LinkedHashMap.class, od);
        // a = []; a.append(a); pickle.dumps(a, protocol=2)
        List<?> a = assertInstanceOf(ArrayList.class, load(HexFormat.of().parseHex("80025d71006800612e")));
        assertSame(a, a.get(0));
    }

    @Test
    void decodesProtocol0QuotedStringsAndPersistentIds() throws IOException {
        byte[] p = new PickleBuilder().op('(').ascii("S'a\\x41\\n\\'q\\\\\\101'\n").ascii("P7\n").op('t', '.').bytes();
        List<Object> pids = new ArrayList<>();
        Object v = new RestrictedUnpickler(p, "t.pkl", pid -> { pids.add(pid); return "loaded"; }).load();
        assertEquals(PickleTuple.of("aA\n'q\\A", "loaded"), v);
        assertEquals(List.of("7"), pids);
    }

    @ParameterizedTest
    @CsvSource({"os,system", "posix,system", "nt,system", "builtins,eval", "__builtin__,eval", "builtins,exec",
        "builtins,getattr", "builtins,__import__", "subprocess,Popen", "numpy.core.multiarray,_reconstruct",
        "torch._tensor,_rebuild_from_type_v2", "torch.storage,UntypedStorage", "collections,defaultdict", "torch,load"})
    void refusesEveryGlobalOffTheAllowList(String module, String name) {
        byte[] p = PickleBuilder.proto2().global(module, name).op('(').str("x").op('t', 'R', '.').bytes();
        UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> load(p));
        assertEquals(module + "." + name, e.refusedGlobal());
        assertTrue(e.getMessage().startsWith("t.pkl: refused to load global '" + module + "." + name + "'"), e.getMessage());
    }

    @Test
    void refusesStackGlobalAndInst() {
        byte[] stackGlobal = new PickleBuilder().op(0x80, 4, 0x8c, 2).ascii("os").op(0x8c, 6).ascii("system")
                .op(0x93, '.').bytes();
        assertEquals("os.system", assertThrows(UnsafeCheckpointException.class, () -> load(stackGlobal)).refusedGlobal());
        byte[] inst = new PickleBuilder().op('(').str("echo pwned").ascii("ios\nsystem\n.").bytes();
        assertEquals("os.system", assertThrows(UnsafeCheckpointException.class, () -> load(inst)).refusedGlobal());
        byte[] allowedInst = new PickleBuilder().op('(').ascii("icollections\nOrderedDict\n.").bytes();
        assertMalformed(allowedInst, "legacy INST opcode is not supported");
        assertMalformed(PickleBuilder.proto2().global("collections", "OrderedDict").op(')', 'o', '.').bytes(),
                "legacy OBJ opcode is not supported");
    }

    @Test
    void refusesMalformedStreams() {
        assertMalformed(PickleBuilder.proto2().op(0xff).bytes(), "at byte 2: unknown opcode 0xff");
        assertMalformed(PickleBuilder.proto2().op('R').bytes(), "stack underflow");
        assertMalformed(PickleBuilder.proto2().op('.').bytes(), "stack underflow");
        assertMalformed(PickleBuilder.proto2().op('N', 0x86).bytes(), "stack underflow");
        assertMalformed(PickleBuilder.proto2().op('N', ')', '(', 'R', '.').bytes(), "stack underflow"); // cannot pop past a MARK
        assertMalformed(PickleBuilder.proto2().op('N', 't').bytes(), "no MARK on the stack");
        assertMalformed(PickleBuilder.proto2().op(']').bytes(), "data.pkl is truncated");
        assertMalformed(new byte[0], "data.pkl is truncated");
        assertMalformed(PickleBuilder.proto2().op('h', 5).bytes(), "memo entry 5 is not defined");
        assertMalformed(PickleBuilder.proto2().op(')', 'N', 'a').bytes(), "APPEND to a tuple");
        assertMalformed(PickleBuilder.proto2().op(']', 'N', 'N', 's').bytes(), "SETITEM on a list");
        assertMalformed(PickleBuilder.proto2().op('}', '(', 'N', 'u').bytes(), "odd number of items for a dict");
        assertMalformed(PickleBuilder.proto2().op('N', ')', 'R').bytes(), "a None is not callable");
        assertMalformed(PickleBuilder.proto2().global("collections", "OrderedDict").op('N', 'R').bytes(),
                "arguments must be a tuple, not a None");
        assertMalformed(PickleBuilder.proto2().op('N', 'N', 'b').bytes(), "BUILD on a None is not supported");
        assertMalformed(new PickleBuilder().op(0x80, 6).bytes(), "unsupported pickle protocol 6");
        assertMalformed(PickleBuilder.proto2().op(0x82, 1).bytes(), "extension-registry opcodes");
        assertMalformed(PickleBuilder.proto2().op(0x97).bytes(), "out-of-band buffers");
        assertMalformed(new PickleBuilder().ascii("Inot-a-number\n.").bytes(), "bad integer literal");
        assertMalformed(new PickleBuilder().ascii("Sunquoted\n.").bytes(), "STRING argument is not quoted");
    }

    @Test
    void forgedLengthsFailFastInsteadOfAllocating() {
        assertMalformed(PickleBuilder.proto2().op('X').int32(-1).bytes(), "needed 4294967295 bytes");
        assertMalformed(PickleBuilder.proto2().op(0x8e).long1(0).bytes(), "data.pkl is truncated"); // BINBYTES8 of 0x8a..
        assertMalformed(PickleBuilder.proto2().op(0x8d, 0, 0, 0, 0, 0, 0, 0, 0x40).bytes(), "data.pkl is truncated");
        assertMalformed(PickleBuilder.proto2().op(0x8b).int32(-5).bytes(), "negative length -5");
        assertMalformed(PickleBuilder.proto2().op(0x95, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0).bytes(), "overruns the stream");
    }

    @Test
    void refusesUnhashableAndDeeplyNestedKeys() {
        assertMalformed(PickleBuilder.proto2().op('}', ']', 'N', 's').bytes(), "unhashable list used as a dict key");
        PickleBuilder deep = PickleBuilder.proto2().op('}', 'N');
        for (int i = 0; i < 40; i++) deep.op(0x85); // ((((None,),),)...)
        assertMalformed(deep.op('N', 's').bytes(), "dict key nested too deeply");
        PickleBuilder fine = PickleBuilder.proto2().op('}', 'N');
        for (int i = 0; i < 5; i++) fine.op(0x85);
        assertInstanceOf(Map.class, assertDoesNotThrowIO(fine.op('N', 's', '.').bytes()));
    }

    @Test
    void rebuildsOnlyWellFormedTensors() throws IOException {
        byte[] ok = PickleBuilder.proto2().tensor("HalfStorage", "3", 6, 1, new long[] {2, 2}, new long[] {1, 2}).op('.').bytes();
        TensorView v = assertInstanceOf(TensorView.class, new RestrictedUnpickler(ok, "t.pkl",
                pid -> StorageRef.fromPersistentId(pid, "t.pkl")).load());
        assertEquals(new StorageRef(org.aubert.core.tensor.DType.F16, "3", 6), v.storage());
        assertEquals(1, v.offset());
        assertArrayEquals(new long[] {2, 2}, v.shape());
        assertEquals(4, v.numel());

        assertMalformed(PickleBuilder.proto2().global("torch._utils", "_rebuild_tensor_v2").op('(', 'N', 'N', 't', 'R').bytes(),
                "torch._utils._rebuild_tensor_v2 called with 2 arguments, expected 6 to 7");
        assertMalformed(PickleBuilder.proto2().global("torch", "FloatStorage").op(')', 'R').bytes(),
                "calling torch.FloatStorage as a function is not supported");
        assertMalformed(PickleBuilder.proto2().global("torch._utils", "_rebuild_parameter").op('(', 'N', 0x89, 'N', 't', 'R')
                .bytes(), "torch._utils._rebuild_parameter applied to None, not a tensor");
        byte[] badPid = PickleBuilder.proto2().op('(').str("storage").op('t', 'Q', '.').bytes();
        IOException e = assertThrows(IOException.class,
                () -> new RestrictedUnpickler(badPid, "t.pkl", pid -> StorageRef.fromPersistentId(pid, "t.pkl")).load());
        assertTrue(e.getMessage().contains("unsupported persistent id"), e.getMessage());
    }

    @Test
    void neverReturnsUnrelatedNulls() throws IOException {
        assertNull(load(PickleBuilder.proto2().op('N', '.').bytes()));
        assertEquals(Boolean.TRUE, load(new PickleBuilder().ascii("I01\n.").bytes()));
    }

    private static Object load(byte[] pickle) throws IOException {
        return new RestrictedUnpickler(pickle, "t.pkl", pid -> pid).load();
    }

    private static Object assertDoesNotThrowIO(byte[] pickle) {
        try {
            return load(pickle);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMalformed(byte[] pickle, String fragment) {
        IOException e = assertThrows(IOException.class, () -> load(pickle));
        assertTrue(e.getMessage().startsWith("t.pkl: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}
