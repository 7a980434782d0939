package org.aubert.core.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle interpreter (protocols 0–5) that builds plain Java values and never executes anything.
 *
 * <p>Python values map to: None → null, bool → Boolean, int → Long (BigInteger beyond 64 bits),
 * float → Double, str → String, bytes/bytearray → byte[], tuple → {@link PickleTuple}, list →
 * ArrayList, dict → LinkedHashMap, set → LinkedHashSet. Globals resolve only through
 * {@link AllowedGlobal}; REDUCE/NEWOBJ only apply those. Every malformation is an IOException
 * naming the source and the byte offset.
 */
final class RestrictedUnpickler {

    /** torch's hook for storages: maps a persistent id to an object (here a {@link StorageRef}). */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object pid) throws IOException;
    }

    /** Tuples nested deeper than this are refused as dict keys: hashing them would recurse that deep. */
    private static final int MAX_KEY_DEPTH = 32;

    private final PickleInput in;
    private final String source;
    private final PersistentLoader persistentLoader;
    private final Map<Long, Object> memo = new HashMap<>();
    private final Deque<List<Object>> metastack = new ArrayDeque<>();
    private List<Object> stack = new ArrayList<>();
    private int opcodeAt;

    RestrictedUnpickler(byte[] pickle, String source, PersistentLoader persistentLoader) {
        this.in = new PickleInput(pickle, source);
        this.source = source;
        this.persistentLoader = persistentLoader;
    }

    /** Interprets opcodes up to STOP and returns the pickled object. */
    Object load() throws IOException {
        while (true) {
            opcodeAt = in.position();
            int op = in.u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = in.u8();
                    if (proto > 5) throw corrupt("unsupported pickle protocol " + proto);
                }
                case 0x95 -> { // FRAME: framing only matters to streaming readers; the whole pickle is in memory
                    long len = in.i64();
                    if (len < 0 || len > in.remaining()) throw corrupt("frame of " + len + " bytes overruns the stream");
                }
                case '.' -> { return pop(); } // STOP
                case '(' -> { metastack.push(stack); stack = new ArrayList<>(); } // MARK
                case '0' -> { if (stack.isEmpty()) popMark(); else pop(); } // POP (of a bare MARK, as Python does)
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'I' -> push(textInt(in.line()));
                case 'J' -> push((long) in.i32()); // BININT
                case 'K' -> push((long) in.u8()); // BININT1
                case 'M' -> push((long) in.u16()); // BININT2
                case 'L' -> push(textLong(in.line()));
                case 0x8a -> push(littleEndianInt(in.bytes(in.u8()))); // LONG1
                case 0x8b -> push(littleEndianInt(in.bytes(in.i32()))); // LONG4
                case 'F' -> push(textFloat(in.line()));
                case 'G' -> push(in.f64BigEndian()); // BINFLOAT
                case 'S' -> push(PickleText.unquote(in.line(), source, opcodeAt)); // STRING
                case 'T' -> push(in.utf8(in.i32())); // BINSTRING
                case 'U' -> push(in.utf8(in.u8())); // SHORT_BINSTRING
                case 'V' -> push(PickleText.rawUnicodeEscape(in.line())); // UNICODE
                case 'X' -> push(in.utf8(in.u32())); // BINUNICODE
                case 0x8c -> push(in.utf8(in.u8())); // SHORT_BINUNICODE
                case 0x8d -> push(in.utf8(in.i64())); // BINUNICODE8
                case 'B' -> push(in.bytes(in.u32())); // BINBYTES
                case 'C' -> push(in.bytes(in.u8())); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(in.bytes(in.i64())); // BINBYTES8, BYTEARRAY8
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case ')' -> push(new PickleTuple(List.of())); // EMPTY_TUPLE
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 't' -> push(new PickleTuple(popMark())); // TUPLE
                case 0x85 -> push(tuple(1)); // TUPLE1
                case 0x86 -> push(tuple(2)); // TUPLE2
                case 0x87 -> push(tuple(3)); // TUPLE3
                case 'd' -> { Map<Object, Object> d = new LinkedHashMap<>(); putAll(d, popMark()); push(d); } // DICT
                case 0x91 -> push(Collections.unmodifiableSet(addAll(new LinkedHashSet<>(), popMark()))); // FROZENSET
                case 'a' -> { Object v = pop(); list(peek()).add(v); } // APPEND
                case 'e' -> { List<Object> items = popMark(); list(peek()).addAll(items); } // APPENDS
                case 's' -> { Object v = pop(); Object k = pop(); dict(peek()).put(checkHashable(k, 0), v); } // SETITEM
                case 'u' -> { List<Object> items = popMark(); putAll(dict(peek()), items); } // SETITEMS
                case 0x90 -> { List<Object> items = popMark(); addAll(set(peek()), items); } // ADDITEMS
                case 'g' -> push(memoGet(textIndex(in.line()))); // GET
                case 'h' -> push(memoGet(in.u8())); // BINGET
                case 'j' -> push(memoGet(in.u32())); // LONG_BINGET
                case 'p' -> memo.put(textIndex(in.line()), peek()); // PUT
                case 'q' -> memo.put((long) in.u8(), peek()); // BINPUT
                case 'r' -> memo.put(in.u32(), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'c' -> { String module = in.line(); push(AllowedGlobal.resolve(module, in.line(), source)); } // GLOBAL
                case 0x93 -> { Object name = pop(); push(AllowedGlobal.resolve(string(pop()), string(name), source)); }
                case 'i' -> { // INST: legacy instantiation; refuse unsafe names first so the message names them
                    String module = in.line();
                    AllowedGlobal.resolve(module, in.line(), source);
                    throw corrupt("legacy INST opcode is not supported");
                }
                case 'o' -> throw corrupt("legacy OBJ opcode is not supported");
                case 'R' -> { List<Object> args = tupleItems(pop()); push(callable(pop()).call(args, source)); } // REDUCE
                case 0x81 -> { List<Object> args = tupleItems(pop()); push(callable(pop()).newObject(args, source)); }
                case 0x92 -> { // NEWOBJ_EX
                    Object kwargs = pop();
                    List<Object> args = tupleItems(pop());
                    if (!(kwargs instanceof Map<?, ?> m) || !m.isEmpty()) throw corrupt("NEWOBJ_EX with keyword arguments");
                    push(callable(pop()).newObject(args, source));
                }
                case 'b' -> build(pop(), peek()); // BUILD
                case 'P' -> push(persistentLoader.load(in.line())); // PERSID
                case 'Q' -> push(persistentLoader.load(pop())); // BINPERSID
                case 0x82, 0x83, 0x84 -> throw corrupt("extension-registry opcodes (EXT1/2/4) are not supported");
                case 0x97, 0x98 -> throw corrupt("out-of-band buffers (pickle protocol 5) are not supported");
                default -> throw corrupt(String.format("unknown opcode 0x%02x", op));
            }
        }
    }

    /** A short description of a value's Python type for messages; never its (possibly huge) contents. */
    static String typeName(Object o) {
        if (o == null) return "None";
        if (o instanceof PickleTuple) return "tuple";
        if (o instanceof List<?>) return "list";
        if (o instanceof Map<?, ?>) return "dict";
        if (o instanceof Set<?>) return "set";
        if (o instanceof String) return "str";
        if (o instanceof byte[]) return "bytes";
        if (o instanceof Long || o instanceof BigInteger) return "int";
        if (o instanceof Double) return "float";
        if (o instanceof Boolean) return "bool";
        if (o instanceof TensorView) return "tensor";
        if (o instanceof StorageRef) return "storage";
        if (o instanceof AllowedGlobal g) return g.qualifiedName();
        return o.getClass().getSimpleName();
    }

    private void build(Object state, Object target) throws IOException {
        // OrderedDict state is its instance __dict__ (a state_dict's _metadata): versions of nn.Modules,
        // irrelevant to the tensors.
        if (!(target instanceof Map<?, ?>)) throw corrupt("BUILD on a " + typeName(target) + " is not supported");
        if (state != null && !(state instanceof Map<?, ?>) && !(state instanceof PickleTuple)) {
            throw corrupt("BUILD with a " + typeName(state) + " state");
        }
    }

    private void push(Object o) { stack.add(o); }

    private Object pop() throws IOException {
        if (stack.isEmpty()) throw corrupt("stack underflow");
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws IOException {
        if (stack.isEmpty()) throw corrupt("stack underflow");
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws IOException {
        if (metastack.isEmpty()) throw corrupt("no MARK on the stack");
        List<Object> items = stack;
        stack = metastack.pop();
        return items;
    }

    private PickleTuple tuple(int n) throws IOException {
        if (stack.size() < n) throw corrupt("stack underflow");
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        PickleTuple t = new PickleTuple(new ArrayList<>(top));
        top.clear();
        return t;
    }

    private Object memoGet(long index) throws IOException {
        if (!memo.containsKey(index)) throw corrupt("memo entry " + index + " is not defined");
        return memo.get(index);
    }

    private AllowedGlobal callable(Object o) throws IOException {
        if (o instanceof AllowedGlobal g) return g;
        throw corrupt("a " + typeName(o) + " is not callable");
    }

    private List<Object> tupleItems(Object o) throws IOException {
        if (o instanceof PickleTuple t) return t.items();
        throw corrupt("arguments must be a tuple, not a " + typeName(o));
    }

    private String string(Object o) throws IOException {
        if (o instanceof String s) return s;
        throw corrupt("STACK_GLOBAL needs strings, not a " + typeName(o));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws IOException {
        if (o instanceof ArrayList<?>) return (List<Object>) o;
        throw corrupt("APPEND to a " + typeName(o));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws IOException {
        if (o instanceof LinkedHashMap<?, ?>) return (Map<Object, Object>) o;
        throw corrupt("SETITEM on a " + typeName(o));
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(Object o) throws IOException {
        if (o instanceof LinkedHashSet<?>) return (Set<Object>) o;
        throw corrupt("ADDITEMS on a " + typeName(o));
    }

    private void putAll(Map<Object, Object> d, List<Object> kv) throws IOException {
        if (kv.size() % 2 != 0) throw corrupt("odd number of items for a dict");
        for (int i = 0; i < kv.size(); i += 2) d.put(checkHashable(kv.get(i), 0), kv.get(i + 1));
    }

    private Set<Object> addAll(Set<Object> s, List<Object> items) throws IOException {
        for (Object o : items) s.add(checkHashable(o, 0));
        return s;
    }

    /** Python refuses mutable keys; so do we, which also keeps hashCode from recursing through cycles. */
    private Object checkHashable(Object o, int depth) throws IOException {
        if (o instanceof List<?> || o instanceof Map<?, ?> || o instanceof Set<?> && !isFrozen(o)) {
            throw corrupt("unhashable " + typeName(o) + " used as a dict key or set item");
        }
        if (o instanceof PickleTuple || o instanceof Set<?>) {
            if (depth >= MAX_KEY_DEPTH) throw corrupt("dict key nested too deeply");
            Iterable<?> items = o instanceof PickleTuple t ? t.items() : (Set<?>) o;
            for (Object e : items) checkHashable(e, depth + 1);
        }
        return o;
    }

    /** Frozensets are wrapped unmodifiable; sets under construction are bare LinkedHashSets. */
    private static boolean isFrozen(Object o) { return !(o instanceof LinkedHashSet<?>); }

    private Object textInt(String s) throws IOException {
        // Protocol 0 writes booleans as INT 00 / 01.
        if (s.equals("00")) return Boolean.FALSE;
        if (s.equals("01")) return Boolean.TRUE;
        return normalize(parseInteger(s));
    }

    private Object textLong(String s) throws IOException {
        return normalize(parseInteger(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
    }

    private BigInteger parseInteger(String s) throws IOException {
        try {
            return new BigInteger(s.strip());
        } catch (NumberFormatException e) {
            throw corrupt("bad integer literal");
        }
    }

    private long textIndex(String s) throws IOException {
        Object v = normalize(parseInteger(s));
        if (!(v instanceof Long l) || l < 0) throw corrupt("bad memo index");
        return l;
    }

    private Double textFloat(String s) throws IOException {
        switch (s.strip()) {
            case "inf" -> { return Double.POSITIVE_INFINITY; }
            case "-inf" -> { return Double.NEGATIVE_INFINITY; }
            case "nan" -> { return Double.NaN; }
            default -> {
                try {
                    return Double.valueOf(s.strip());
                } catch (NumberFormatException e) {
                    throw corrupt("bad float literal");
                }
            }
        }
    }

    /** LONG1/LONG4 payload: two's-complement, little-endian; empty means 0. */
    private static Object littleEndianInt(byte[] le) {
        if (le.length == 0) return 0L;
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) be[i] = le[le.length - 1 - i];
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger v) { return v.bitLength() < 64 ? (Object) v.longValue() : v; }

    private IOException corrupt(String detail) {
        return new IOException(source + ": corrupt data.pkl at byte " + opcodeAt + ": " + detail);
    }
}
