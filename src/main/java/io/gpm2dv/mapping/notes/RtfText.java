package io.gpm2dv.mapping.notes;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts an RTF document to plain text with a small RTF tokenizer (control words, control symbols, groups and a
 * group-state stack), reporting whether anything that carries content (pictures, objects, hidden text) was dropped.
 *
 * <p>Own parser rather than {@code javax.swing.text.rtf.RTFEditorKit}: that one decodes {@code \'93} as ISO-8859-1
 * (U+0093) instead of cp1252 (U+201C), ignores font code pages and pulls in {@code java.desktop}.
 */
public final class RtfText {

    /** The plain text (NFC, {@code \n} line breaks, trailing whitespace trimmed) and whether content was dropped. */
    public record Result(String text, boolean droppedContent) {
    }

    /** Destinations with no text for a reader: skipped with their whole group, nothing lost. */
    private static final Set<String> SKIPPED = Set.of(
            "colortbl", "stylesheet", "info", "listtable", "listoverridetable", "revtbl", "rsidtbl", "filetbl",
            "xmlnstbl", "themedata", "colorschememapping", "latentstyles", "datastore", "generator", "pgdsctbl",
            "template", "fldinst", "bkmkstart", "bkmkend", "xe", "tc", "txe", "rxe", "nonesttables", "userprops",
            "docvar", "private", "formfield", "pn", "header", "headerl", "headerr", "headerf", "footer", "footerl",
            "footerr", "footerf", "title", "author", "operator", "subject", "keywords", "comment", "doccomm",
            "falt", "panose", "fontemb", "fontfile", "mmathPr", "protusertbl", "wgrffmtfilter", "pgptbl", "ftnsep",
            "ftnsepc", "ftncn", "aftnsep", "aftnsepc", "aftncn", "oldcprops", "oldpprops", "oldsprops", "oldtprops");

    /** Destinations that do carry content a plain text cannot hold: skipped, and the result says so. */
    private static final Set<String> DROPPED = Set.of(
            "pict", "object", "shp", "shppict", "nonshppict", "do", "footnote", "annotation", "objdata");

    /** Starred destinations that hold the text itself: "ud" is the Unicode twin of the ANSI text in "upr". */
    private static final Set<String> STARRED_TEXT = Set.of("ud");

    private RtfText() {
    }

    /** Converts {@code rtf}; malformed input (unbalanced braces, stray escapes) never throws, what can be read is kept. */
    public static Result convert(String rtf) {
        Objects.requireNonNull(rtf, "rtf");
        return new Parser(rtf).run();
    }

    private enum Dest {
        TEXT, FONT_TABLE
    }

    /** Properties a group inherits from its parent and restores when it closes. */
    private static final class State {
        Dest dest = Dest.TEXT;
        int uc = 1;
        int font = -1;
        boolean hidden;
        /** Set by the "upr" word: its first child group is the ANSI twin of the "ud" group, so it is skipped. */
        boolean skipNextChild;

        State copy() {
            State s = new State();
            s.dest = dest;
            s.uc = uc;
            s.font = font;
            s.hidden = hidden;
            return s;
        }
    }

    private static final class Parser {
        private static final int SYMBOL_CODEPAGE = 42;
        private static final Map<Integer, Charset> CHARSETS = new ConcurrentHashMap<>();

        private final String in;
        private final int len;
        private final StringBuilder out = new StringBuilder();
        private final Deque<State> stack = new ArrayDeque<>();
        private State cur = new State();
        private int pos;
        private boolean dropped;

        private int docCodepage = 1252;
        private int defaultFont = -1;
        private int fontBeingDefined = -1;
        private final Map<Integer, Integer> fontCodepages = new HashMap<>();

        /** Fallback characters still to skip after a Unicode escape (control word "u" with the "uc" count). */
        private int toSkip;
        /** Consecutive {@code \'hh} bytes, decoded together so double-byte code pages work. */
        private byte[] pending = new byte[16];
        private int pendingLen;

        Parser(String in) {
            this.in = in;
            this.len = in.length();
        }

        Result run() {
            while (pos < len) {
                char c = in.charAt(pos);
                switch (c) {
                    case '{' -> {
                        pos++;
                        openGroup();
                    }
                    case '}' -> {
                        pos++;
                        closeGroup();
                    }
                    case '\\' -> control();
                    case '\r', '\n' -> pos++; // line breaks in RTF source are not text
                    default -> {
                        pos++;
                        if (c >= ' ' || c == '\t') { // other C0 controls (NUL…) are not text in RTF
                            text(c);
                        }
                    }
                }
            }
            flush();
            return new Result(finish(out), dropped);
        }

        private void openGroup() {
            flush();
            toSkip = 0;
            if (cur.skipNextChild) {
                cur.skipNextChild = false;
                stack.push(cur);
                cur = cur.copy();
                skipRestOfGroup();
                return;
            }
            stack.push(cur);
            cur = cur.copy();
        }

        private void closeGroup() {
            flush();
            toSkip = 0;
            if (!stack.isEmpty()) { // an unbalanced '}' is ignored: keep reading what follows
                cur = stack.pop();
            }
        }

        private void control() {
            if (pos + 1 >= len) {
                pos = len;
                return;
            }
            char n = in.charAt(pos + 1);
            if (isLetter(n)) {
                int start = pos + 1;
                int end = start;
                while (end < len && isLetter(in.charAt(end))) {
                    end++;
                }
                String word = in.substring(start, end);
                pos = end;
                boolean hasParam = false;
                long param = 0;
                boolean negative = pos + 1 < len && in.charAt(pos) == '-' && isDigit(in.charAt(pos + 1));
                if (negative) {
                    pos++;
                }
                int digits = 0;
                while (pos < len && isDigit(in.charAt(pos))) {
                    if (digits++ < 10) { // RTF parameters are 16 or 32 bit; longer digit runs are nonsense
                        param = param * 10 + (in.charAt(pos) - '0');
                    }
                    hasParam = true;
                    pos++;
                }
                if (pos < len && in.charAt(pos) == ' ') {
                    pos++; // the space delimiting a control word belongs to it
                }
                int p = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, negative ? -param : param));
                word(word, hasParam, p);
                return;
            }
            pos += 2;
            switch (n) {
                case '\'' -> hex();
                case '\\', '{', '}' -> text(n);
                case '~' -> text('\u00A0');
                case '_' -> text('\u2011');
                case '-' -> optionalHyphen();
                case '\r', '\n' -> text('\n'); // a backslash before a source line break is \par
                case '\t' -> text('\t');
                case '*' -> starred();
                default -> flush(); // \| \: and unknown symbols carry no text
            }
        }

        private void hex() {
            int hi = pos < len ? Character.digit(in.charAt(pos), 16) : -1;
            int lo = pos + 1 < len ? Character.digit(in.charAt(pos + 1), 16) : -1;
            if (hi < 0 || lo < 0) {
                return; // a broken escape: drop the "\'" and read on
            }
            pos += 2;
            if (toSkip > 0) {
                toSkip--;
                return;
            }
            if (!emitting()) {
                dropped |= cur.dest == Dest.TEXT; // hidden text
                return;
            }
            if (pendingLen == pending.length) {
                pending = Arrays.copyOf(pending, pendingLen * 2);
            }
            pending[pendingLen++] = (byte) (hi << 4 | lo);
        }

        /** {@code \*}: an ignorable destination; skipped unless it is one that holds the text. */
        private void starred() {
            flush();
            int p = pos;
            while (p < len && Character.isWhitespace(in.charAt(p))) {
                p++;
            }
            String word = "";
            if (p + 1 < len && in.charAt(p) == '\\' && isLetter(in.charAt(p + 1))) {
                int end = p + 1;
                while (end < len && isLetter(in.charAt(end))) {
                    end++;
                }
                word = in.substring(p + 1, end);
            }
            if (STARRED_TEXT.contains(word)) {
                return;
            }
            if (DROPPED.contains(word)) {
                dropped = true;
            }
            skipRestOfGroup();
        }

        private void word(String w, boolean hasParam, int param) {
            flush();
            if (DROPPED.contains(w)) {
                dropped = true;
                skipRestOfGroup();
                return;
            }
            if (SKIPPED.contains(w)) {
                skipRestOfGroup();
                return;
            }
            switch (w) {
                case "fonttbl" -> cur.dest = Dest.FONT_TABLE;
                case "upr" -> cur.skipNextChild = true;
                case "ansi" -> docCodepage = 1252;
                case "mac" -> docCodepage = 10000;
                case "pc" -> docCodepage = 437;
                case "pca" -> docCodepage = 850;
                case "ansicpg" -> docCodepage = hasParam && param > 0 ? param : docCodepage;
                case "deff" -> defaultFont = param;
                case "f" -> {
                    if (cur.dest == Dest.FONT_TABLE) {
                        fontBeingDefined = param;
                    } else {
                        cur.font = param;
                    }
                }
                case "fcharset" -> {
                    Integer cp = charsetCodepage(param);
                    if (cur.dest == Dest.FONT_TABLE && cp != null) {
                        fontCodepages.put(fontBeingDefined, cp);
                    }
                }
                case "cpg" -> {
                    if (cur.dest == Dest.FONT_TABLE && param > 0) {
                        fontCodepages.put(fontBeingDefined, param);
                    }
                }
                case "plain" -> {
                    cur.hidden = false;
                    cur.font = -1;
                }
                case "v" -> cur.hidden = !hasParam || param != 0;
                case "uc" -> cur.uc = Math.max(0, param);
                case "u" -> unicode(hasParam, param);
                case "bin" -> binary(param);
                case "par", "line", "sect", "page", "column" -> text('\n');
                case "row", "nestrow" -> endRow();
                case "tab", "cell", "nestcell" -> text('\t');
                case "emdash" -> text('\u2014');
                case "endash" -> text('\u2013');
                case "bullet" -> text('\u2022');
                case "lquote" -> text('\u2018');
                case "rquote" -> text('\u2019');
                case "ldblquote" -> text('\u201C');
                case "rdblquote" -> text('\u201D');
                case "emspace" -> text('\u2003');
                case "enspace" -> text('\u2002');
                case "qmspace" -> text('\u2005');
                case "zwj" -> text('\u200D');
                case "zwnj" -> text('\u200C');
                case "zwbo" -> text('\u200B');
                default -> {
                    // formatting and everything else this converter has no use for
                }
            }
        }

        private void unicode(boolean hasParam, int param) {
            if (!hasParam) {
                return;
            }
            toSkip = 0; // a Unicode escape inside the fallback of another: that fallback ends here
            int cp = param < 0 ? param + 65536 : param;
            if (emitting()) {
                if (cp <= 0xFFFF) {
                    out.append((char) cp); // surrogate halves arrive as two escapes and pair up in the builder
                } else if (Character.isValidCodePoint(cp)) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('\uFFFD');
                }
            } else if (cur.hidden) {
                dropped = true;
            }
            toSkip = cur.uc;
        }

        private void binary(int n) {
            // \binN: N raw bytes follow; here they are N chars of the string. Binary data is never text.
            int skip = Math.max(0, Math.min(n, len - pos));
            pos += skip;
            if (skip > 0) {
                dropped = true;
            }
        }

        private void endRow() {
            if (!emitting()) {
                return;
            }
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == '\t') {
                end--; // the tab written after a row's last cell
            }
            out.setLength(end);
            out.append('\n');
        }

        /** {@code \-} marks where a word may break; plain text has no use for it, but it counts as a fallback char. */
        private void optionalHyphen() {
            flush();
            if (toSkip > 0) {
                toSkip--;
            }
        }

        private boolean emitting() {
            return cur.dest == Dest.TEXT && !cur.hidden;
        }

        private void text(char c) {
            flush();
            if (toSkip > 0) {
                toSkip--;
                return;
            }
            if (emitting()) {
                out.append(c);
            } else if (cur.dest == Dest.TEXT && !Character.isWhitespace(c)) {
                dropped = true; // hidden text (\v): not shown by the source either, but it is content
            }
        }

        /**
         * Skips from the current position to the end of the current group in one linear scan, so a picture with
         * megabytes of hex costs one pass; honours escaped braces and {@code \binN} data that may contain braces.
         */
        private void skipRestOfGroup() {
            toSkip = 0;
            int depth = 1;
            while (pos < len) {
                char c = in.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 < len && isLetter(in.charAt(pos + 1))) {
                        int start = pos + 1;
                        int end = start;
                        while (end < len && isLetter(in.charAt(end))) {
                            end++;
                        }
                        pos = end;
                        if (end - start == 3 && in.startsWith("bin", start)) {
                            long n = 0;
                            int digits = 0;
                            while (pos < len && isDigit(in.charAt(pos))) {
                                if (digits++ < 10) {
                                    n = n * 10 + (in.charAt(pos) - '0');
                                }
                                pos++;
                            }
                            if (pos < len && in.charAt(pos) == ' ') {
                                pos++;
                            }
                            pos += (int) Math.min(n, len - pos);
                        }
                    } else {
                        pos += 2;
                    }
                } else if (c == '{') {
                    depth++;
                    pos++;
                } else if (c == '}') {
                    pos++;
                    if (--depth == 0) {
                        closeGroup();
                        return;
                    }
                } else {
                    pos++;
                }
            }
            pos = Math.min(pos, len);
        }

        private void flush() {
            if (pendingLen == 0) {
                return;
            }
            int font = cur.font >= 0 ? cur.font : defaultFont;
            int codepage = fontCodepages.getOrDefault(font, docCodepage);
            if (codepage == SYMBOL_CODEPAGE) {
                // Symbol fonts: only the list bullet is worth mapping; other symbol bytes read as cp1252
                for (int i = 0; i < pendingLen; i++) {
                    int b = pending[i] & 0xFF;
                    out.append(b == 0xB7 ? "\u2022" : new String(pending, i, 1, charset(1252)));
                }
            } else {
                out.append(new String(pending, 0, pendingLen, charset(codepage)));
            }
            pendingLen = 0;
        }

        /** Windows code page of an RTF {@code \fcharset}; null for ANSI/default, which use the document's page. */
        private static Integer charsetCodepage(int charset) {
            return switch (charset) {
                case 2 -> SYMBOL_CODEPAGE;
                case 77 -> 10000;
                case 128 -> 932;
                case 129 -> 949;
                case 130 -> 1361;
                case 134 -> 936;
                case 136 -> 950;
                case 161 -> 1253;
                case 162 -> 1254;
                case 163 -> 1258;
                case 177 -> 1255;
                case 178 -> 1256;
                case 186 -> 1257;
                case 204 -> 1251;
                case 222 -> 874;
                case 238 -> 1250;
                case 254 -> 437;
                case 255 -> 850;
                default -> null;
            };
        }

        /** The Java charset of a Windows code page; cp1252 when the JDK has none (the RTF default). */
        private static Charset charset(int codepage) {
            return CHARSETS.computeIfAbsent(codepage, cp -> {
                String[] names = switch (cp) {
                    case 932 -> new String[] {"windows-31j"};
                    case 936 -> new String[] {"GBK"};
                    case 1361 -> new String[] {"x-Johab"};
                    case 10000 -> new String[] {"x-MacRoman"};
                    case 65001 -> new String[] {"UTF-8"};
                    case 20127 -> new String[] {"US-ASCII"};
                    case 28591 -> new String[] {"ISO-8859-1"};
                    default -> new String[] {"windows-" + cp, "x-windows-" + cp, "Cp" + cp, "IBM" + cp};
                };
                for (String name : names) {
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException unsupported) {
                        // try the next alias
                    }
                }
                return Charset.forName("windows-1252");
            });
        }

        private static boolean isLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** Lone surrogates (a broken escape pair) become U+FFFD, then NFC, then the document's trailing blanks go. */
        private static String finish(StringBuilder b) {
            for (int i = 0; i < b.length(); i++) {
                char c = b.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < b.length() && Character.isLowSurrogate(b.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    b.setCharAt(i, '\uFFFD');
                }
            }
            return Normalizer.normalize(b, Normalizer.Form.NFC).stripTrailing();
        }
    }
}
