package io.gpm2dv.sample;

/** The odd texts of the hazard anchors (H11, H17): long, multi-line, RTF and HTML bodies; all deterministic. */
final class Texts {
    static final int ALERT_ORIGINAL_LENGTH = 3412;

    private Texts() {
    }

    /** Exactly {@code n} code points, repeating {@code unit}. */
    static String exactly(int n, String unit) {
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < n) {
            b.append(unit);
        }
        return b.substring(0, b.offsetByCodePoints(0, n));
    }

    /** A 2,000-code-point alert (the column's limit): the source's 3,412 were truncated (TRUNCATED warning). */
    static String longAlert() {
        return exactly(2000, "Ōtaki clinic alert: check pacemaker, \"no TENS\", latex allergy; whānau must attend. ");
    }

    static String multiline() {
        return "First line, with a comma\r\nSecond line with \"quotes\"\nThird line after a bare LF\r\n\r\n"
                + "After a blank line; tab\there.";
    }

    /** A plain note of more than 32,767 UTF-8 bytes (Oracle VARCHAR2 limit), with macrons. */
    static String longNote() {
        StringBuilder b = new StringBuilder("Long-term rehabilitation diary (copied from the paper file).\r\n");
        for (int day = 1; b.length() < 36_000; day++) {
            b.append("Day ").append(day).append(": knee flexion ").append(80 + day % 40)
                    .append("°, pain ").append(day % 7).append("/10; walked to the whare and back, "
                            + "exercises done (quads, hamstrings, calf raises). Tāne says \"better\".\r\n");
        }
        return b.toString();
    }

    /** A note longer than Dataverse's notetext (100,000 characters, H17): the migration cuts it and attaches it. */
    static String veryLongNote() {
        StringBuilder b = new StringBuilder("Hand therapy programme log, scanned and typed up in full.\r\n");
        for (int week = 1; b.length() < 120_000; week++) {
            b.append("Week ").append(week).append(": splint reviewed, grip ").append(10 + week % 30)
                    .append(" kg, tendon glides x10, scar massage 5 min; whānau helping at home.\r\n");
        }
        return b.toString();
    }

    static String rtf() {
        return "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20 "
                + "\\b Subjective:\\b0  Right shoulder pain after lifting, 6/10.\\par "
                + "\\b Objective:\\b0  Flexion 120\\'b0, painful arc.\\par "
                + "{\\pict\\pngblip\\picw16\\pich16 89504e470d0a1a0a0000000d4948445200000010000000100806000000}"
                + "\\par Plan: rotator cuff programme, review 1 week.}";
    }

    static String html() {
        return "<html><body><p><b>Assessment</b> &ndash; lumbar strain &amp; sciatica (L5).</p>"
                + "<ul><li>SLR 45&deg; left</li><li>Reflexes &lt;normal&gt;</li></ul>"
                + "<p>Te reo: wh&#257;nau support at home.</p></body></html>";
    }

    /** A body flagged PLAIN that is really RTF (H11). */
    static String plainButRtf() {
        return "{\\rtf1\\ansi Phone call: client reports ankle swelling down.\\par Continue home programme.}";
    }

    static String plainButHtml() {
        return "<p>Discharged &ndash; goals met.</p>";
    }
}
