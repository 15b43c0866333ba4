package io.gpm2dv.mapping.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NoteBodyTest {

    @Test
    void plainBodiesThatAreReallyRtfOrHtmlAreSniffed() {
        assertEquals(BodyFormat.RTF, NoteBody.sniff("PLAIN", SampleTexts.plainButRtf()));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("PLAIN", SampleTexts.plainButHtml()));
        assertEquals(BodyFormat.RTF, NoteBody.sniff("PLAIN", "\uFEFF \r\n{\\rtf1\\ansi x}"));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("PLAIN", "<!DOCTYPE html><html><body>x</body></html>"));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("PLAIN", "  <HTML>\n<body>x</body></HTML>"));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("PLAIN", "<div class=\"note\">Seen today<br/>Review 2/52</div>"));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("PLAIN", "<b>Plan</b>: review<br>Home programme"));
    }

    @Test
    void plainTextWithAngleBracketsStaysPlain() {
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", "a < b and c > d"));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", "a<b and c>d"));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", "<Patient name withheld> rang, pain <5/10>"));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", "<br>"));
        // markup that does not open the text is a plain note quoting markup, not an HTML body
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", "Told reception to use <b>bold</b> in letters"));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", "<html is not a tag name here"));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", SampleTexts.multiline()));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("PLAIN", SampleTexts.longNote()));
    }

    @Test
    void declaredRtfOrHtmlThatIsNotIsTreatedAsWhatItIs() {
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("RTF", "Just text, no RTF header."));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("RTF", "<p>Seen.</p>"));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff("HTML", "Just text, pain 3/10."));
        assertEquals(BodyFormat.RTF, NoteBody.sniff("HTML", "{\\rtf1 x}"));
        // declared HTML needs less evidence: one known tag or a character reference
        assertEquals(BodyFormat.HTML, NoteBody.sniff("HTML", "Pain &lt; 5 today"));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("HTML", "Seen today.<br>Review."));
        assertEquals(BodyFormat.HTML, NoteBody.sniff("HTML", SampleTexts.html()));
        assertEquals(BodyFormat.RTF, NoteBody.sniff("RTF", SampleTexts.rtf()));
        assertEquals(BodyFormat.PLAIN, NoteBody.sniff(null, "text"));
    }

    @Test
    void rtfBodiesAreConvertedAndTheOriginalIsKeptWhenContentWasLost() {
        NoteBody.Rendered r = NoteBody.render("RTF", SampleTexts.rtf(), null);
        assertEquals("Subjective: Right shoulder pain after lifting, 6/10.\n"
                + "Objective: Flexion 120°, painful arc.\n"
                + "\n"
                + "Plan: rotator cuff programme, review 1 week.", r.text());
        assertEquals(BodyFormat.RTF, r.format());
        assertTrue(r.lossy());
        assertEquals(SampleTexts.rtf(), r.original());
        assertEquals("rtf", r.extension());
    }

    @Test
    void aPlainBodyThatIsRtfIsConverted() {
        NoteBody.Rendered r = NoteBody.render("PLAIN", SampleTexts.plainButRtf(), null);
        assertEquals("Phone call: client reports ankle swelling down.\nContinue home programme.", r.text());
        assertEquals(BodyFormat.RTF, r.format());
        assertFalse(r.lossy());
        assertEquals(SampleTexts.plainButRtf(), r.original());
    }

    @Test
    void htmlBodiesAreKeptAsHtml() {
        NoteBody.Rendered r = NoteBody.render("HTML", SampleTexts.html(), null);
        assertEquals("<html><body><p><b>Assessment</b> &ndash; lumbar strain &amp; sciatica (L5).</p>"
                + "<ul><li>SLR 45&deg; left</li><li>Reflexes &lt;normal&gt;</li></ul>"
                + "<p>Te reo: wh&#257;nau support at home.</p></body></html>", r.text());
        assertEquals(BodyFormat.HTML, r.format());
        assertFalse(r.lossy());
        assertEquals(SampleTexts.html(), r.original());
        assertEquals("html", r.extension());

        NoteBody.Rendered sniffed = NoteBody.render("PLAIN", SampleTexts.plainButHtml(), null);
        assertEquals("<p>Discharged &ndash; goals met.</p>", sniffed.text());
        assertEquals(BodyFormat.HTML, sniffed.format());
    }

    @Test
    void plainBodiesKeepTheirTextWithLfLineBreaks() {
        NoteBody.Rendered r = NoteBody.render("PLAIN", SampleTexts.multiline(), null);
        assertEquals("First line, with a comma\nSecond line with \"quotes\"\nThird line after a bare LF\n\n"
                + "After a blank line; tab\there.", r.text());
        assertEquals(BodyFormat.PLAIN, r.format());
        assertEquals(r.text(), r.original());
        assertEquals("txt", r.extension());
        assertEquals("old\nmac\nbreaks", NoteBody.render("PLAIN", "old\rmac\r\nbreaks", null).text());
    }

    @Test
    void aLongPlainNoteIsRenderedWhole() {
        String note = SampleTexts.longNote();
        NoteBody.Rendered r = NoteBody.render("PLAIN", note, null);
        assertTrue(note.getBytes(StandardCharsets.UTF_8).length > 32_767);
        assertEquals(note.replace("\r\n", "\n"), r.text());
        assertFalse(r.lossy());
    }

    @Test
    void plainTextIsNfcAndLosesAByteOrderMark() {
        assertEquals("Ngāti", NoteBody.render("PLAIN", "\uFEFFNga\u0304ti", null).text());
    }

    @Test
    void sectionsAreRenderedOneALineInTheOrderTheJsonGives() {
        String sections = "{\"S\":\"Left knee sore after netball, 5/10.\",\"O\":\"Flexion 95°, effusion +\","
                + "\"A\":\"Post-op ACL, week 3\",\"P\":\"Quads programme; review 1 week\","
                + "\"E\":\"Home exercises explained\",\"R\":\"Review 2024-02-19\"}";
        NoteBody.Rendered r = NoteBody.render("PLAIN", null, sections);
        assertEquals("S: Left knee sore after netball, 5/10.\nO: Flexion 95°, effusion +\nA: Post-op ACL, week 3\n"
                + "P: Quads programme; review 1 week\nE: Home exercises explained\nR: Review 2024-02-19", r.text());
        assertEquals(BodyFormat.PLAIN, r.format());
        assertEquals(r.text(), r.original());
        assertEquals("txt", r.extension());
        assertEquals("P: plan\nA: assess\nS: subjective",
                NoteBody.render("PLAIN", null, "{\"P\":\"plan\",\"A\":\"assess\",\"S\":\"subjective\"}").text());
    }

    @Test
    void oddSectionValuesAreKept() {
        assertEquals("S: two\nlines\nO:\nT:\nA: 5",
                NoteBody.render("PLAIN", null, "{\"S\":\"two\\r\\nlines\",\"O\":\"\",\"T\":null,\"A\":5}").text());
        // not an object: rendered verbatim rather than dropped
        assertEquals("[\"S\",\"O\"]", NoteBody.render("PLAIN", null, "[\"S\",\"O\"]").text());
    }

    @Test
    void sectionsComeFirstThenABlankLineThenTheBody() {
        NoteBody.Rendered plain = NoteBody.render("PLAIN", "Body line 1\r\nBody line 2", "{\"S\":\"a\",\"O\":\"b\"}");
        assertEquals("S: a\nO: b\n\nBody line 1\nBody line 2", plain.text());
        assertEquals(plain.text(), plain.original());

        NoteBody.Rendered rtf = NoteBody.render("PLAIN", SampleTexts.plainButRtf(), "{\"S\":\"a\"}");
        assertEquals("S: a\n\nPhone call: client reports ankle swelling down.\nContinue home programme.", rtf.text());
        assertEquals(BodyFormat.RTF, rtf.format());
        assertEquals(SampleTexts.plainButRtf(), rtf.original());

        // a blank body next to sections carries nothing, nor do empty sections next to a body
        assertEquals("S: a", NoteBody.render("PLAIN", " \r\n", "{\"S\":\"a\"}").text());
        assertEquals("Body", NoteBody.render("PLAIN", "Body", "{}").text());
    }

    @Test
    void aNoteWithNeitherBodyNorSectionsRendersEmpty() {
        NoteBody.Rendered r = NoteBody.render("RTF", null, null);
        assertEquals("", r.text());
        assertEquals(BodyFormat.PLAIN, r.format());
        assertFalse(r.lossy());
    }
}
