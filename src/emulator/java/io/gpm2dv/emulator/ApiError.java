package io.gpm2dv.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request as Dataverse reports it: HTTP status plus {@code {"error":{"code","message"}}} (API §8).
 * Thrown anywhere along the request path; a write transaction that sees one rolls back.
 */
public final class ApiError extends RuntimeException {
    public static final String OBJECT_DOES_NOT_EXIST = "0x80040217";
    public static final String DUPLICATE_RECORD = "0x80040237";
    public static final String DUPLICATE_ENTITY_KEY = "0x80060892";
    public static final String STRING_TOO_LONG = "0x80044331";
    public static final String PICKLIST_OUT_OF_RANGE = "0x8004431A";
    /** ODataClientPayloadError; the spec marks the code unverified (older responses had an empty code). */
    public static final String PAYLOAD_ERROR = "0x80048d19";
    /** Malformed URL or query option (emulator's choice, no code is documented). */
    public static final String QUERY_SYNTAX = "0x80060888";
    public static final String RESOURCE_NOT_FOUND = "0x8006088a";
    public static final String USER_NOT_ENABLED = "0x80040225";
    public static final String PRIVILEGE_DENIED = "0x80040220";
    public static final String CONCURRENCY_MISMATCH = "0x80060882";
    public static final String INVALID_ARGUMENT = "0x80040203";
    public static final String FILE_TOO_BIG = "0x80044a02";
    /** A message the table does not support (emulator's choice of code; the message follows Dataverse's wording). */
    public static final String MESSAGE_NOT_SUPPORTED = "0x80040800";
    /** No hex code is documented for a bad or expired token; this one is the emulator's. */
    public static final String BAD_AUTH_TICKET = "0x80048306";
    /** UnExpected: an emulator fault, never a refusal the client caused. */
    public static final String UNEXPECTED = "0x80040216";
    /** Something the emulator does not model yet (emulator's code). */
    public static final String NOT_IMPLEMENTED = "0x8004800d";

    private final int status;
    private final String code;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra error properties returned only when the caller asks for annotations (API §8). */
    public Map<String, String> annotations() {
        return annotations;
    }

    public ApiError annotate(String name, String value) {
        annotations.put(name, value);
        return this;
    }

    public static ApiError notFound(String table, Object id) {
        return new ApiError(404, OBJECT_DOES_NOT_EXIST, table + " With Id = " + id + " Does Not Exist");
    }

    public static ApiError keyNotFound(String table) {
        return new ApiError(404, OBJECT_DOES_NOT_EXIST,
                "A record with the specified key values does not exist in " + table + " entity");
    }

    public static ApiError unknownProperty(TableDef t, String property) {
        return new ApiError(400, PAYLOAD_ERROR, "The property '" + property + "' does not exist on type '"
                + t.odataType() + "'. Make sure to only use property names that are defined by the type.");
    }

    public static ApiError undeclaredNavigation(String property) {
        return new ApiError(400, PAYLOAD_ERROR, "An undeclared property '" + property + "' which only has property "
                + "annotations in the payload but no property value was found in the payload. In OData, only declared "
                + "navigation properties and declared named streams can be represented as properties without values.");
    }

    public static ApiError payload(String message) {
        return new ApiError(400, PAYLOAD_ERROR, message);
    }

    public static ApiError tooLong(String column, String table, int max) {
        return new ApiError(400, STRING_TOO_LONG, "A validation error occurred.  The length of the '" + column
                + "' attribute of the '" + table + "' entity exceeded the maximum allowed length of '" + max + "'.");
    }

    public static ApiError picklist(String column, String table, Object value) {
        return new ApiError(400, PICKLIST_OUT_OF_RANGE, "A validation error occurred. The value " + value + " of '"
                + column + "' on record of type '" + table + "' is outside the valid range.");
    }

    public static ApiError badKey(TableDef t) {
        return new ApiError(400, QUERY_SYNTAX, "The key in the request URI is not valid for resource '" + t.odataType()
                + "'. Ensure that the names and number of key properties match the declared or alternate key "
                + "properties for the resource '" + t.odataType() + "'.");
    }

    public static ApiError query(String message) {
        return new ApiError(400, QUERY_SYNTAX, message);
    }

    public static ApiError noSuchSegment(String segment) {
        return new ApiError(404, RESOURCE_NOT_FOUND, "Resource not found for the segment '" + segment + "'.");
    }

    public static ApiError notSupported(String message, String table) {
        return new ApiError(400, MESSAGE_NOT_SUPPORTED, "The '" + message + "' method does not support entities of type '"
                + table + "'. MessageProcessorCache returned MessageProcessor.Empty.");
    }

    public static ApiError duplicateId() {
        return new ApiError(412, DUPLICATE_RECORD, "Operation failed due to a SQL integrity violation.");
    }

    public static ApiError matchingKeyExists() {
        return new ApiError(412, DUPLICATE_RECORD, "A record with matching key values already exists.");
    }

    public static ApiError duplicateKey(KeyDef key) {
        return new ApiError(412, DUPLICATE_ENTITY_KEY, "Entity Key " + key.name() + " violated. A record with the same "
                + "value for " + String.join(",", key.columns()) + " already exists. A duplicate record cannot be "
                + "created. Select one or more unique values and try again.");
    }
}
