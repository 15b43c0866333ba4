package io.gpm2dv.mapping.notes;

import java.util.Locale;

/** The format a note body really has (export code list BODY_FORMAT), with the file extension of its original. */
public enum BodyFormat {
    PLAIN("txt"),
    RTF("rtf"),
    HTML("html");

    private final String extension;

    BodyFormat(String extension) {
        this.extension = extension;
    }

    /** File extension, without the dot, of an attachment holding a body of this format. */
    public String extension() {
        return extension;
    }

    /**
     * The declared code, case-insensitive; null or an unknown code counts as PLAIN, because sniffing the content
     * decides the real format anyway and the export's code check reports unknown codes.
     */
    public static BodyFormat ofCode(String code) {
        if (code == null) {
            return PLAIN;
        }
        return switch (code.trim().toUpperCase(Locale.ROOT)) {
            case "RTF" -> RTF;
            case "HTML" -> HTML;
            default -> PLAIN;
        };
    }
}
