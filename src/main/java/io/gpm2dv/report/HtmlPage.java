package io.gpm2dv.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A report as a plain, readable HTML page (no script, no external resources): a title, then sections of text,
 * tables or preformatted blocks. Every value is escaped.
 */
public final class HtmlPage {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlPage(String title) {
        this.title = title;
    }

    public HtmlPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    public HtmlPage preformatted(String text) {
        body.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** A table: a header row, then one row per list; cells are text. */
    public HtmlPage table(List<String> header, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}"
                + "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
                + "th{background:#f3f3f3}pre{background:#f7f7f7;padding:1em;overflow-x:auto}</style></head>\n<body>\n<h1>"
                + escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    public Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
