package io.gpm2dv.source;

/** The package cannot be migrated at all (manifest or header fault); names the file and the mismatch. */
public class ExportRefusedException extends Exception implements io.gpm2dv.pipeline.SafeText.Safe {
    private final String file;

    public ExportRefusedException(String file, String detail) {
        super(file == null ? detail : file + ": " + detail);
        this.file = file;
    }

    /** The file at fault ("manifest.json", "clients.csv", …). */
    public String file() { return file; }
}
