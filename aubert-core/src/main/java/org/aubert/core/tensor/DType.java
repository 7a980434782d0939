package org.aubert.core.tensor;

import java.util.Locale;

/** Element types of the tensors we read and write, with their names in safetensors and numpy. */
public enum DType {
    F64(8, "F64", "f8"),
    F32(4, "F32", "f4"),
    F16(2, "F16", "f2"),
    BF16(2, "BF16", null),
    I64(8, "I64", "i8"),
    I32(4, "I32", "i4"),
    I16(2, "I16", "i2"),
    I8(1, "I8", "i1"),
    U8(1, "U8", "u1"),
    BOOL(1, "BOOL", "b1");

    private final int byteSize;
    private final String safetensorsName;
    private final String npyCode;

    DType(int byteSize, String safetensorsName, String npyCode) {
        this.byteSize = byteSize;
        this.safetensorsName = safetensorsName;
        this.npyCode = npyCode;
    }

    public int byteSize() { return byteSize; }

    public String safetensorsName() { return safetensorsName; }

    /** numpy type code without the byte-order character ({@code f4}), or null when numpy has none. */
    public String npyCode() { return npyCode; }

    public boolean isFloating() { return this == F64 || this == F32 || this == F16 || this == BF16; }

    /** Parses a safetensors dtype name; returns null for a name we do not support. */
    public static DType fromSafetensors(String name) {
        if (name == null) return null;
        for (DType t : values()) if (t.safetensorsName.equals(name.toUpperCase(Locale.ROOT))) return t;
        return null;
    }

    /** Parses a numpy code without byte order ({@code f4}, {@code i8}, {@code b1}); null when unsupported. */
    public static DType fromNpyCode(String code) {
        for (DType t : values()) if (code.equals(t.npyCode)) return t;
        if (code.equals("?")) return BOOL;
        return null;
    }
}
