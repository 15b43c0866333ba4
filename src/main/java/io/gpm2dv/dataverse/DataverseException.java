package io.gpm2dv.dataverse;

/**
 * A request Dataverse refused or that could not be completed. {@code code} is the Dataverse error code
 * (e.g. {@code 0x80040217}); {@code status} is 0 when no HTTP answer arrived.
 */
public class DataverseException extends RuntimeException {
    public static final String OBJECT_DOES_NOT_EXIST = "0x80040217";

    private final int status;
    private final String code;
    private final String dataverseMessage;

    public DataverseException(int status, String code, String dataverseMessage) {
        super("Dataverse " + (status == 0 ? "unreachable" : "HTTP " + status)
                + (code == null || code.isEmpty() ? "" : " " + code) + ": " + dataverseMessage);
        this.status = status;
        this.code = code;
        this.dataverseMessage = dataverseMessage;
    }

    public int status() { return status; }

    public String code() { return code; }

    public String dataverseMessage() { return dataverseMessage; }

    /** 4xx other than 401/429: the request itself is at fault; retrying it unchanged cannot help. */
    public boolean isClientFault() {
        return status >= 400 && status < 500 && status != 401 && status != 429;
    }

    /** Whether the failure says a record (e.g. a lookup target) does not exist. */
    public boolean isMissingRecord() {
        return OBJECT_DOES_NOT_EXIST.equalsIgnoreCase(code);
    }
}
