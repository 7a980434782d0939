package org.aubert.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Decoders for the quoted string arguments of protocol-0 opcodes (STRING and UNICODE). */
final class PickleText {
    private PickleText() {}

    /**
     * STRING's argument is a Python bytes repr, {@code 'abc'} or {@code "it's"}, with backslash escapes.
     * {@code line} holds one char per byte (ISO-8859-1); the bytes are decoded as UTF-8 like torch.load.
     */
    static String unquote(String line, String source, int at) throws IOException {
        String s = line.strip();
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw new IOException(source + ": corrupt data.pkl at byte " + at + ": STRING argument is not quoted");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int end = s.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case '\n' -> { } // line continuation
                case 'x' -> {
                    if (i + 2 >= end || !isHex(s, i + 1, 2)) {
                        throw new IOException(source + ": corrupt data.pkl at byte " + at + ": bad \\x escape in STRING");
                    }
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') { // up to three octal digits
                        int v = e - '0';
                        for (int k = 0; k < 2 && i + 1 < end && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7'; k++) {
                            v = v * 8 + (s.charAt(++i) - '0');
                        }
                        out.write(v & 0xff);
                    } else if (e == '\\' || e == '\'' || e == '"') {
                        out.write(e);
                    } else { // unknown escapes stay verbatim, as in Python
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** UNICODE's argument is raw-unicode-escape: bytes are Latin-1 except for backslash-u escapes. */
    static String rawUnicodeEscape(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
            if (c == '\\' && next == 'u' && isHex(line, i + 2, 4)) {
                sb.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && next == 'U' && isHex(line, i + 2, 8)
                    && Long.parseLong(line.substring(i + 2, i + 10), 16) <= Character.MAX_CODE_POINT) {
                sb.appendCodePoint(Integer.parseInt(line.substring(i + 2, i + 10), 16));
                i += 9;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(String s, int from, int n) {
        if (from + n > s.length()) return false;
        for (int i = from; i < from + n; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }
}
