package io.gpm2dv.dataverse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Organisation settings a run depends on, read from Dataverse at run start: {@code maxuploadfilesize}, the limit on
 * the base64 size of note and attachment content (API §12.3; default 5,242,880, at most 131,072,000).
 */
@ApplicationScoped
public class OrganisationSettings {
    /** The largest value an admin can set (Microsoft calls it 128 MB). */
    public static final long MAX_UPLOAD_CEILING = 131_072_000L;
    static final long DEFAULT_MAX_UPLOAD = 5_242_880L;

    @Inject
    DataverseClient client;

    private volatile Long maxUploadFileSize;

    /** Reads the settings again (at run start: an admin may have raised the limit since the last run). */
    public void refresh() {
        JsonNode org = client.queryAll("organizations", "maxuploadfilesize", null).stream().findFirst().orElse(null);
        maxUploadFileSize = org == null || !org.hasNonNull("maxuploadfilesize") ? DEFAULT_MAX_UPLOAD
                : org.get("maxuploadfilesize").asLong();
    }

    /** The organisation's upload limit in bytes of base64 text; read on first use when no run start read it. */
    public long maxUploadFileSize() {
        if (maxUploadFileSize == null) {
            refresh();
        }
        return maxUploadFileSize;
    }

    /** Size of the base64 text of {@code bytes} bytes: the size the limit applies to. */
    public static long base64Size(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }
}
