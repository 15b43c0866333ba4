package io.gpm2dv.dataverse;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gpm2dv.pipeline.DependencyFailure;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.pipeline.StageBatch;

/**
 * A request Dataverse refused or that could not be completed. {@code code} is the Dataverse error code
 * (e.g. {@code 0x80040217}); {@code status} is 0 when no HTTP answer arrived. The message says status, code and
 * the code's name only: Dataverse's own text can quote a value (a literal it could not convert), so it is kept
 * apart ({@link #dataverseMessage()}) for classification and never logged or reported.
 */
public class DataverseException extends RuntimeException implements SafeText.Safe, DependencyFailure {
    public static final String OBJECT_DOES_NOT_EXIST = "0x80040217";
    static final String PRIVILEGE_DENIED = "0x80040220";
    static final String DUPLICATE_RECORDS_FOUND = "0x80040333";

    /** Names of the codes a migration meets (Web API reference §7–§8). */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(OBJECT_DOES_NOT_EXIST, "ObjectDoesNotExist"),
            Map.entry("0x80040237", "DuplicateRecord"),
            Map.entry("0x80060892", "DuplicateRecordEntityKey"),
            Map.entry("0x80048d19", "ODataClientPayloadError"),
            Map.entry("0x80044331", "StringLengthTooLong"),
            Map.entry("0x8004431a", "PicklistValueOutOfRange"),
            Map.entry("0x8004022b", "OwnerNotEnabled"),
            Map.entry("0x80040225", "UserNotEnabled"),
            Map.entry(PRIVILEGE_DENIED, "PrivilegeDenied"),
            Map.entry("0x80040231", "PrincipalPrivilegeDenied"),
            Map.entry("0x80040299", "TargetPrincipalLacksReadPrivilege"),
            Map.entry(DUPLICATE_RECORDS_FOUND, "DuplicateRecordsFound"),
            Map.entry("0x80044a02", "AttachmentInvalidFileSize"),
            Map.entry("0x80043507", "InvalidRegardingObject"),
            Map.entry("0x80094006", "ParticipationTypeMaskNotFound"),
            Map.entry("0x80072322", "ThrottlingBurstRequestLimitExceeded"),
            Map.entry("0x80072321", "ThrottlingTimeExceeded"),
            Map.entry("0x80072326", "ThrottlingConcurrencyLimitExceeded"));
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_][A-Za-z0-9_]*)'");

    private final int status;
    private final String code;
    private final String dataverseMessage;
    private final Duration retryAfter;

    public DataverseException(int status, String code, String dataverseMessage) {
        this(status, code, dataverseMessage, null);
    }

    public DataverseException(int status, String code, String dataverseMessage, Duration retryAfter) {
        super(describe(status, code, dataverseMessage));
        this.status = status;
        this.code = code == null || code.isEmpty() ? null : code;
        this.dataverseMessage = dataverseMessage;
        this.retryAfter = retryAfter;
    }

    /** No answer arrived: {@code what} names the failure kind ("ConnectException", "token endpoint"), never a value. */
    public static DataverseException unreachable(String what, Duration retryAfter) {
        return new DataverseException(0, null, what, retryAfter);
    }

    private static String describe(int status, String code, String dataverseMessage) {
        if (status == 0) {
            return "Dataverse unreachable (" + dataverseMessage + ")";
        }
        StringBuilder sb = new StringBuilder("Dataverse HTTP ").append(status);
        if (code != null && !code.isEmpty()) {
            sb.append(' ').append(code);
            String name = NAMES.get(code.toLowerCase(Locale.ROOT));
            if (name != null) {
                sb.append(' ').append(name);
            }
        }
        return sb.toString();
    }

    public int status() { return status; }

    public String code() { return code; }

    /** Dataverse's own text: for classification only, never for logs, reasons or reports. */
    public String dataverseMessage() { return dataverseMessage; }

    /** How long Dataverse asked us to wait ({@code Retry-After}), or how long the client meant to back off. */
    @Override
    public Duration retryAfter() { return retryAfter; }

    @Override
    public StageBatch.Cause dependency() {
        if (!isTransient()) {
            return null;
        }
        return status == 429 ? StageBatch.Cause.THROTTLED : StageBatch.Cause.DATAVERSE;
    }

    /**
     * Dataverse refused the record for the record's own sake: a 4xx about its content, its key or a lookup, or a
     * duplicate-detection hit (documented as 500). Not: authentication (401), throttling (429), the caller's own
     * missing privilege (403 PrivilegeDenied, which an admin fixes once for all records), outages (5xx, no answer).
     */
    public boolean isRecordFault() {
        if (DUPLICATE_RECORDS_FOUND.equalsIgnoreCase(code)) {
            return true;
        }
        return status >= 400 && status < 500 && status != 401 && status != 408 && status != 429
                && !(status == 403 && PRIVILEGE_DENIED.equalsIgnoreCase(code));
    }

    /** Anything but a record fault: the dependency is unavailable or refuses everyone; try again later. */
    public boolean isTransient() {
        return !isRecordFault();
    }

    /** Whether the failure says a record (e.g. a lookup target) does not exist. */
    public boolean isMissingRecord() {
        return OBJECT_DOES_NOT_EXIST.equalsIgnoreCase(code);
    }

    /**
     * The column Dataverse's message names, when it is one of {@code columns} (the columns the request sent), so a
     * reason can say which column without repeating anything else the message quotes.
     */
    public String column(Collection<String> columns) {
        if (dataverseMessage == null) {
            return null;
        }
        Matcher m = QUOTED.matcher(dataverseMessage);
        while (m.find()) {
            if (columns.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }
}
