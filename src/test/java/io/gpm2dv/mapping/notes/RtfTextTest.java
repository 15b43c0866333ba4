package io.gpm2dv.mapping.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtfTextTest {

    private static String text(String rtf) {
        return RtfText.convert(rtf).text();
    }

    @Test
    void cp1252EscapesAndUnicodeEscapesWithMacrons() {
        RtfText.Result r = RtfText.convert("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}"
                + "\\f0 T\\u257?ne said \\'93caf\\'e9\\'94 \\'96 sore 6\\'b710\\par Ng\\u257?ti Porou\\par }");
        assertEquals("Tāne said “café” – sore 6·10\nNgāti Porou", r.text());
        assertFalse(r.droppedContent());
    }

    @Test
    void theUcCountSaysHowManyFallbackCharactersToSkip() {
        assertEquals("Kūmara-Ōtaki", text("{\\rtf1\\uc2 K\\u363 uumara-{\\uc1\\u332\\'4ftaki}}"));
        assertEquals("Kū?mara", text("{\\rtf1\\uc0 K\\u363?mara}")); // uc0: no fallback to skip
        // fallback bytes are skipped as bytes, a group end stops the skipping
        assertEquals("āb", text("{\\rtf1{\\uc3\\u257\\'61\\'61}b}"));
    }

    @Test
    void negativeUnicodeParametersAndSurrogatePairs() {
        assertEquals("！ and 😀 and ok", text("{\\rtf1 \\u-255? and \\u-10179?\\u-8704? and ok}"));
        assertEquals("x\uFFFDy", text("{\\rtf1 x\\u-10179?y}")); // a lone high surrogate is not left dangling
    }

    @Test
    void escapedCharactersAndSpecialCharacterWords() {
        assertEquals("{braces} back\\slash a\u00A0b co-operate",
                text("{\\rtf1 \\{braces\\} back\\\\slash a\\~b co-\\-oper\\-ate}"));
        assertEquals("— – • ‘a’ “b”\tc\nd",
                text("{\\rtf1 \\emdash  \\endash  \\bullet  \\lquote a\\rquote  \\ldblquote b\\rdblquote\\tab c\\line d}"));
    }

    @Test
    void parAndLineBreaksAndSourceLineBreaksAreNotText() {
        assertEquals("One\nTwo\n\nFour line four",
                text("{\\rtf1\\ansi\r\nOne\\par\r\nTwo\\par\\par Four\r\n line \nfour\\par\\par}"));
    }

    @Test
    void nestedGroupsRestoreTheirState() {
        assertEquals("abcde", text("{\\rtf1 a{\\b b{\\i c}}{\\ul d}e}"));
        // the code page of a font chosen in a group ends with the group
        assertEquals("Привет é", text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset204 Arial Cyr;}}"
                + "{\\f1 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2} \\'e9}"));
    }

    @Test
    void documentCodePageDecodesHexEscapes() {
        assertEquals("šč", text("{\\rtf1\\ansi\\ansicpg1250 \\'9a\\'e8}"));
    }

    @Test
    void tablesFontTablesColourTablesStylesheetsAndInfoAreNotText() {
        String rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0\\fnil Calibri;}{\\f1\\froman Times New Roman;}}"
                + "{\\colortbl ;\\red255\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}"
                + "{\\info{\\title Secret title}{\\author Dr Who}}{\\header Practice letterhead\\par}"
                + "\\trowd\\cellx1000\\cellx2000 a\\cell b\\cell\\row c\\cell d\\cell\\row after}";
        RtfText.Result r = RtfText.convert(rtf);
        assertEquals("a\tb\nc\td\nafter", r.text());
        assertFalse(r.droppedContent());
    }

    @Test
    void ignorableDestinationsAreSkipped() {
        assertEquals("Hello world", text("{\\rtf1{\\*\\generator Riched20 10.0.19041;}"
                + "{\\*\\unknowndestination {with} text}Hello{\\*\\bkmkstart mark} world}"));
    }

    @Test
    void fieldsKeepTheirResultNotTheirInstruction() {
        assertEquals("See ACC website for forms.", text("{\\rtf1 See {\\field{\\*\\fldinst{HYPERLINK \"https://www.acc.co.nz/\"}}"
                + "{\\fldrslt{\\ul\\cf1 ACC website}}} for forms.}"));
        assertEquals("Page 3", text("{\\rtf1 Page {\\field{\\fldinst PAGE}{\\fldrslt 3}}}"));
    }

    @Test
    void aPictureOfThreeMegabytesOfHexIsSkippedAndReported() {
        StringBuilder hex = new StringBuilder(3_000_100);
        while (hex.length() < 3_000_000) {
            hex.append("89504e470d0a1a0a0000000d49484452\r\n");
        }
        String rtf = "{\\rtf1\\ansi Before the picture.\\par {\\*\\shppict{\\pict\\pngblip\\picw640\\pich480 " + hex
                + "}}{\\nonshppict{\\pict\\wmetafile8 " + hex + "}}\\par After the picture.}";
        RtfText.Result r = RtfText.convert(rtf);
        assertEquals("Before the picture.\n\nAfter the picture.", r.text());
        assertTrue(r.droppedContent());
    }

    @Test
    void binaryDataMayHoldBracesAndIsSkipped() {
        RtfText.Result r = RtfText.convert("{\\rtf1 before {\\pict\\wmetafile8\\bin6 }}{{\\x}after}");
        assertEquals("before after", r.text());
        assertTrue(r.droppedContent());
    }

    @Test
    void embeddedObjectsAndHiddenTextAreReportedAsDropped() {
        RtfText.Result object = RtfText.convert("{\\rtf1 Chart:{\\object\\objemb{\\*\\objclass Excel.Sheet.12}"
                + "{\\*\\objdata 0105000002000000}{\\result{\\pict\\emfblip 0100}}} end}");
        assertEquals("Chart: end", object.text());
        assertTrue(object.droppedContent());
        RtfText.Result hidden = RtfText.convert("{\\rtf1 Shown{\\v  hidden} text}");
        assertEquals("Shown text", hidden.text());
        assertTrue(hidden.droppedContent());
    }

    @Test
    void unicodeTwinOfUprWinsOverItsAnsiText() {
        assertEquals("Tāne end", text("{\\rtf1 {\\upr{Tane}{\\*\\ud{T\\u257?ne}}} end}"));
    }

    @Test
    void listBulletsFromASymbolFontBecomeBullets() {
        assertEquals("•\tFirst\n•\tSecond", text("{\\rtf1{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset2 Symbol;}}"
                + "{\\listtext\\f1 \\'b7\\tab}First\\par{\\listtext\\f1 \\'b7\\tab}Second\\par}"));
    }

    @Test
    void unbalancedBracesDoNotThrow() {
        assertEquals("Open bold", text("{\\rtf1 Open {\\b bold"));
        assertEquals("One Two", text("{\\rtf1 One} Two}}"));
        assertEquals("cut", text("{\\rtf1 cut{\\pict 0a0b"));
        assertEquals("azzb", text("{\\rtf1 a\\'zzb\\"));
        assertEquals("", text(""));
    }

    @Test
    void outputIsNfcAndTrailingWhitespaceOfTheDocumentIsTrimmed() {
        String t = text("{\\rtf1 Nga\\u772?ti  \\par\\tab\\par }");
        assertEquals("Ngāti", t);
        assertEquals(5, t.length());
    }

    @Test
    void theSampleGeneratorsRtfNoteLosesOnlyItsPicture() {
        RtfText.Result r = RtfText.convert(SampleTexts.rtf());
        assertEquals("Subjective: Right shoulder pain after lifting, 6/10.\n"
                + "Objective: Flexion 120°, painful arc.\n"
                + "\n"
                + "Plan: rotator cuff programme, review 1 week.", r.text());
        assertTrue(r.droppedContent());
    }

    @Test
    void theSampleGeneratorsPlainButRtfNote() {
        RtfText.Result r = RtfText.convert(SampleTexts.plainButRtf());
        assertEquals("Phone call: client reports ankle swelling down.\nContinue home programme.", r.text());
        assertFalse(r.droppedContent());
    }
}
