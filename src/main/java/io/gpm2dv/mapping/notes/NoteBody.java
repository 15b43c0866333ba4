package io.gpm2dv.mapping.notes;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text of a clinical note that follows its header line (target-mapping §2, hazard H11): the body's real format
 * is sniffed, RTF is converted to plain text, HTML is kept as HTML, and {@code sections} become {@code S: …} lines.
 */
public final class NoteBody {

    /**
     * A rendered note body.
     *
     * @param text     what goes into {@code notetext} after the header line and its blank line (NFC, may be empty)
     * @param format   the effective format of {@code text}: the sniffed format of the body, PLAIN when there is none
     * @param original what to attach when the note must keep its original: the RTF or HTML body exactly as exported,
     *                 or for PLAIN the full rendered text (sections and body)
     * @param lossy    true when {@code text} lost content of the original (RTF pictures, objects or hidden text)
     */
    public record Rendered(String text, BodyFormat format, String original, boolean lossy) {
        /** File extension of {@link #original}: {@code txt}, {@code rtf} or {@code html}. */
        public String extension() {
            return format.extension();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char BOM = '\uFEFF';
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n?");
    /** A named or numeric character reference; only consulted when the export already says HTML. */
    private static final Pattern ENTITY = Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");

    /** Elements a note editor writes; a tag with any other name is not evidence of HTML. */
    private static final Set<String> ELEMENTS = Set.of(
            "html", "head", "body", "title", "meta", "link", "style", "p", "div", "span", "br", "hr", "b", "i", "u", "s",
            "em", "strong", "small", "big", "sub", "sup", "strike", "del", "ins", "mark", "font", "center", "a", "img",
            "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
            "colgroup", "col", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "tt", "section",
            "article", "header", "footer", "nav", "label", "wbr");
    private static final Set<String> VOID_ELEMENTS = Set.of("br", "hr", "img", "meta", "link", "col", "wbr");

    private NoteBody() {
    }

    /**
     * The format {@code body} really has. RTF when it starts with <code>&#123;\rtf</code> (after whitespace or a
     * BOM), whatever was declared. Otherwise HTML when it starts with {@code <!DOCTYPE html} or an {@code <html>} tag,
     * or when it starts with a known tag, holds at least two known tags incl. a matching open/close pair or a void
     * tag like {@code <br>}, and known tags make at least three quarters of its {@code <}. A body declared HTML also
     * counts as HTML with any one known tag or character reference. Everything else is PLAIN, so
     * "a &lt; b and c &gt; d" stays PLAIN.
     */
    public static BodyFormat sniff(String declaredFormat, String body) {
        BodyFormat declared = BodyFormat.ofCode(declaredFormat);
        if (body == null) {
            return declared;
        }
        String s = stripLeading(body);
        if (s.startsWith("{\\rtf")) {
            return BodyFormat.RTF;
        }
        Tags tags = Tags.scan(s);
        if (tags.looksLikeDocument(s)) {
            return BodyFormat.HTML;
        }
        if (declared == BodyFormat.HTML && (tags.known > 0 || ENTITY.matcher(s).find())) {
            return BodyFormat.HTML;
        }
        return BodyFormat.PLAIN;
    }

    /**
     * Renders a note's body and {@code sections} (a JSON object, section letter → text). Sections come first, one
     * per line as {@code S: text} in the JSON's order; when the note also has a non-blank body, a blank line and the
     * rendered body follow, so the structured part reads first and nothing of either is lost. The body renders by
     * its sniffed format: PLAIN as is with CRLF/CR → LF, HTML unchanged, RTF converted to plain text. Every text is
     * NFC. Sections that are not a JSON object are rendered verbatim rather than dropped.
     */
    public static Rendered render(String declaredFormat, String body, String sections) {
        String sectionText = sections == null || sections.isBlank() ? null : sections(sections);
        if (sectionText != null && sectionText.isEmpty()) {
            sectionText = null; // "{}": no sections to put before the body
        }
        boolean hasBody = body != null && !(sectionText != null && body.isBlank());
        if (!hasBody) {
            String text = sectionText == null ? "" : sectionText;
            return new Rendered(text, BodyFormat.PLAIN, text, false);
        }
        BodyFormat format = sniff(declaredFormat, body);
        String bodyText;
        boolean lossy = false;
        switch (format) {
            case RTF -> {
                RtfText.Result r = RtfText.convert(stripLeading(body));
                bodyText = r.text();
                lossy = r.droppedContent();
            }
            case HTML -> bodyText = nfc(stripBom(body));
            default -> bodyText = plain(stripBom(body));
        }
        String text = sectionText == null ? bodyText : sectionText + "\n\n" + bodyText;
        String original = format == BodyFormat.PLAIN ? text : body;
        return new Rendered(text, format, original, lossy);
    }

    private static String sections(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return plain(json);
        }
        StringBuilder b = new StringBuilder();
        // ObjectNode keeps its fields in document order (LinkedHashMap), which is the order the note was written in
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            String value = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(e.getKey()).append(':');
            if (!value.isEmpty()) {
                b.append(' ').append(value);
            }
        }
        return plain(b.toString());
    }

    private static String plain(String s) {
        return nfc(LINE_BREAK.matcher(s).replaceAll("\n"));
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == BOM ? s.substring(1) : s;
    }

    /** Without leading whitespace and byte-order marks, for sniffing and for the RTF parser. */
    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == BOM)) {
            i++;
        }
        return s.substring(i);
    }

    /** Counts of the well-formed tags of known elements in a text; a linear scan, not a regex over the text. */
    private static final class Tags {
        int known;
        int pairs;
        int voids;
        int lessThan;
        boolean startsWithTag;
        boolean unclosedComment;

        static Tags scan(String s) {
            Tags t = new Tags();
            Deque<String> open = new ArrayDeque<>();
            int i = s.indexOf('<');
            while (i >= 0) {
                t.lessThan++;
                int end = t.tag(s, i, open);
                if (end > 0 && i == 0) {
                    t.startsWithTag = true;
                }
                i = s.indexOf('<', end > 0 ? end : i + 1);
            }
            return t;
        }

        boolean looksLikeDocument(String s) {
            String head = s.substring(0, Math.min(s.length(), 16)).toLowerCase(Locale.ROOT);
            if (head.startsWith("<!doctype html")) {
                return true;
            }
            if (head.startsWith("<html") && startsWithTag) {
                return true;
            }
            return startsWithTag && known >= 2 && (pairs >= 1 || voids >= 1) && known * 4 >= lessThan * 3;
        }

        /** Reads a tag or comment at {@code at}; returns the index after it, or -1 when it is not one. */
        int tag(String s, int at, Deque<String> open) {
            if (s.startsWith("<!--", at)) {
                int close = unclosedComment ? -1 : s.indexOf("-->", at + 4);
                if (close < 0) {
                    unclosedComment = true; // no later "<!--" can be closed either: do not search again
                    return -1;
                }
                known++;
                return close + 3;
            }
            int i = at + 1;
            boolean closing = i < s.length() && s.charAt(i) == '/';
            if (closing) {
                i++;
            }
            int nameStart = i;
            while (i < s.length() && isAsciiLetterOrDigit(s.charAt(i)) && (i > nameStart || isAsciiLetter(s.charAt(i)))) {
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            if (!ELEMENTS.contains(name)) {
                return -1;
            }
            if (closing) {
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= s.length() || s.charAt(i) != '>') {
                    return -1;
                }
                known++;
                if (open.remove(name)) {
                    pairs++;
                }
                return i + 1;
            }
            int end = attributes(s, i);
            if (end < 0) {
                return -1;
            }
            known++;
            if (VOID_ELEMENTS.contains(name)) {
                voids++;
            } else if (s.charAt(end - 2) != '/') {
                open.push(name);
            }
            return end;
        }

        /** Longest tag read; a bound, so a text full of stray "&lt;b" or quotes cannot make the scan quadratic. */
        private static final int MAX_TAG = 8192;

        /** Attribute syntax after a tag name up to {@code >}; returns the index after {@code >}, or -1. */
        private static int attributes(String s, int i) {
            int n = Math.min(s.length(), i + MAX_TAG);
            if (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>' && s.charAt(i) != '/') {
                return -1; // "<bx" is not the tag "b"
            }
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return -1;
                }
                char c = s.charAt(i);
                if (c == '>') {
                    return i + 1;
                }
                if (c == '/' && i + 1 < n && s.charAt(i + 1) == '>') {
                    return i + 2;
                }
                int nameStart = i;
                while (i < n && "\"'<>/=".indexOf(s.charAt(i)) < 0 && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i == nameStart) {
                    return -1;
                }
                int j = i;
                while (j < n && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                if (j < n && s.charAt(j) == '=') {
                    j++;
                    while (j < n && Character.isWhitespace(s.charAt(j))) {
                        j++;
                    }
                    if (j >= n) {
                        return -1;
                    }
                    char q = s.charAt(j);
                    if (q == '"' || q == '\'') {
                        int close = -1;
                        for (int k = j + 1; k < n && close < 0; k++) {
                            if (s.charAt(k) == q) {
                                close = k;
                            }
                        }
                        if (close < 0) {
                            return -1;
                        }
                        i = close + 1;
                    } else {
                        int v = j;
                        while (j < n && "\"'<>=`".indexOf(s.charAt(j)) < 0 && !Character.isWhitespace(s.charAt(j))) {
                            j++;
                        }
                        if (j == v) {
                            return -1;
                        }
                        i = j;
                    }
                }
            }
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return isAsciiLetter(c) || (c >= '0' && c <= '9');
        }
    }
}
