package org.aubert.core.checkpoint;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;

import org.aubert.core.tensor.DType;

/**
 * The complete allow-list of Python globals a state-dict pickle may name. Each entry is interpreted
 * by Java code here; nothing is looked up or run by name. Every other global is refused.
 */
enum AllowedGlobal {
    ORDERED_DICT("collections", "OrderedDict", null),
    REBUILD_TENSOR("torch._utils", "_rebuild_tensor", null),
    REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2", null),
    REBUILD_PARAMETER("torch._utils", "_rebuild_parameter", null),
    REBUILD_PARAMETER_WITH_STATE("torch._utils", "_rebuild_parameter_with_state", null),
    DOUBLE_STORAGE("torch", "DoubleStorage", DType.F64),
    FLOAT_STORAGE("torch", "FloatStorage", DType.F32),
    HALF_STORAGE("torch", "HalfStorage", DType.F16),
    BFLOAT16_STORAGE("torch", "BFloat16Storage", DType.BF16),
    LONG_STORAGE("torch", "LongStorage", DType.I64),
    INT_STORAGE("torch", "IntStorage", DType.I32),
    SHORT_STORAGE("torch", "ShortStorage", DType.I16),
    CHAR_STORAGE("torch", "CharStorage", DType.I8),
    BYTE_STORAGE("torch", "ByteStorage", DType.U8),
    BOOL_STORAGE("torch", "BoolStorage", DType.BOOL);

    private final String module;
    private final String name;
    private final DType storageDType;

    AllowedGlobal(String module, String name, DType storageDType) {
        this.module = module;
        this.name = name;
        this.storageDType = storageDType;
    }

    /** The element type when this global is a storage class, else null. */
    DType storageDType() { return storageDType; }

    String qualifiedName() { return module + "." + name; }

    /**
     * Resolves a GLOBAL / STACK_GLOBAL / INST reference. Harmless torch types we cannot represent get a
     * plain "unsupported" error so the user is not told their file is malicious; all else is refused.
     */
    static AllowedGlobal resolve(String module, String name, String source) throws IOException {
        for (AllowedGlobal g : values()) {
            if (g.module.equals(module) && g.name.equals(name)) return g;
        }
        if (module.equals("torch") && name.matches("[A-Za-z0-9]+Storage")) {
            throw new IOException(source + ": storage type torch." + name + " is not supported (supported element"
                    + " types: float64/32/16, bfloat16, int64/32/16/8, uint8, bool)");
        }
        if (module.equals("torch._utils") && name.equals("_rebuild_tensor_v3")) {
            throw new IOException(source + ": checkpoint holds tensors of an element type that is not supported"
                    + " (torch writes _rebuild_tensor_v3 for uint16/32/64 and float8)");
        }
        throw new UnsafeCheckpointException(source, module + "." + name);
    }

    /** REDUCE: applies this global to the pickled argument tuple. */
    Object call(List<Object> args, String source) throws IOException {
        switch (this) {
            case ORDERED_DICT -> {
                // The items follow as SETITEMS; an argument form never appears in torch.save output.
                if (!args.isEmpty()) throw unsupported("with arguments", source);
                return new LinkedHashMap<Object, Object>();
            }
            case REBUILD_TENSOR -> {
                arity(args, 4, 4, source);
                return TensorView.rebuild(args, source);
            }
            case REBUILD_TENSOR_V2 -> {
                // (storage, offset, size, stride, requires_grad, backward_hooks[, metadata]): only the
                // first four describe data; grad flags, hooks and metadata have no meaning here.
                arity(args, 6, 7, source);
                return TensorView.rebuild(args, source);
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                arity(args, this == REBUILD_PARAMETER ? 3 : 4, this == REBUILD_PARAMETER ? 3 : 4, source);
                if (!(args.get(0) instanceof TensorView data)) {
                    throw new IOException(source + ": " + qualifiedName() + " applied to "
                            + RestrictedUnpickler.typeName(args.get(0)) + ", not a tensor");
                }
                return data; // a Parameter is just its tensor once gradients do not matter
            }
            default -> throw unsupported("as a function", source); // storages arrive via persistent ids
        }
    }

    /** NEWOBJ: {@code cls.__new__(cls, *args)}; only OrderedDict is ever built this way. */
    Object newObject(List<Object> args, String source) throws IOException {
        if (this != ORDERED_DICT || !args.isEmpty()) throw unsupported("via NEWOBJ", source);
        return new LinkedHashMap<Object, Object>();
    }

    private void arity(List<Object> args, int min, int max, String source) throws IOException {
        if (args.size() < min || args.size() > max) {
            throw new IOException(source + ": " + qualifiedName() + " called with " + args.size() + " arguments, expected "
                    + (min == max ? String.valueOf(min) : min + " to " + max));
        }
    }

    private IOException unsupported(String how, String source) {
        return new IOException(source + ": calling " + qualifiedName() + " " + how + " is not supported");
    }
}
