package io.gpm2dv.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** Checks one JSON value against its column (type, MaxLength, range, choices) and returns the stored form. */
final class ValueRules {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueRules() {
    }

    static JsonNode convert(Schema schema, TableDef t, ColumnDef c, JsonNode v) {
        if (v == null || v.isNull()) {
            return NullNode.instance;
        }
        return switch (c.type()) {
            case String, Memo -> {
                if (!v.isTextual()) {
                    throw wrongType(v, c);
                }
                if (c.maxLength() != null && v.asText().length() > c.maxLength()) {
                    throw ApiError.tooLong(c.name(), t.logicalName(), c.maxLength());
                }
                yield v;
            }
            case Integer, BigInt -> {
                if (!v.isIntegralNumber()) {
                    throw wrongType(v, c);
                }
                long min = c.min() != null ? c.min() : c.type() == ColumnType.Integer ? java.lang.Integer.MIN_VALUE : Long.MIN_VALUE;
                long max = c.max() != null ? c.max() : c.type() == ColumnType.Integer ? java.lang.Integer.MAX_VALUE : Long.MAX_VALUE;
                if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                    throw new ApiError(400, ApiError.INVALID_ARGUMENT, "A validation error occurred. The value " + v
                            + " of '" + c.name() + "' on record of type '" + t.logicalName()
                            + "' is outside the valid range. Accepted range: " + min + " to " + max);
                }
                yield v;
            }
            case Decimal, Double, Money -> {
                if (!v.isNumber()) {
                    throw wrongType(v, c);
                }
                yield v;
            }
            case Boolean -> {
                if (!v.isBoolean()) {
                    throw wrongType(v, c);
                }
                yield v;
            }
            case Picklist, State, Status -> {
                if (!v.isIntegralNumber()) {
                    throw wrongType(v, c);
                }
                if (!c.options().containsKey(v.asInt())) {
                    throw ApiError.picklist(c.name(), t.logicalName(), v.asText());
                }
                yield v;
            }
            case MultiSelectPicklist -> {
                StringBuilder canon = new StringBuilder();
                for (String part : textOf(v, c).split(",")) {
                    int option;
                    try {
                        option = java.lang.Integer.parseInt(part.trim());
                    } catch (NumberFormatException e) {
                        throw literal(v, c);
                    }
                    if (!c.options().containsKey(option)) {
                        throw ApiError.picklist(c.name(), t.logicalName(), option);
                    }
                    canon.append(canon.length() == 0 ? "" : ",").append(option);
                }
                yield F.textNode(canon.toString());
            }
            case DateTime -> F.textNode(dateTime(v, c));
            case DateOnly -> {
                // Date-only columns are Edm.Date: the calendar date is kept as sent, never shifted by a time zone
                try {
                    yield F.textNode(LocalDate.parse(textOf(v, c)).toString());
                } catch (DateTimeParseException e) {
                    throw literal(v, c);
                }
            }
            case Uniqueidentifier -> F.textNode(KeyRef.guid(textOf(v, c)).orElseThrow(() -> literal(v, c)).toString());
            case EntityName -> {
                String name = textOf(v, c);
                if (schema.table(name).isEmpty()) {
                    throw new ApiError(400, ApiError.INVALID_ARGUMENT, "The entity with a name = '" + name
                            + "' with namemapping = 'Logical' was not found in the MetadataCache.");
                }
                yield v;
            }
            case Lookup, Customer, Owner -> throw new IllegalStateException("lookups are bound, not converted");
        };
    }

    static String dateTime(JsonNode v, ColumnDef c) {
        try {
            Instant instant = OffsetDateTime.parse(textOf(v, c)).toInstant();
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            throw literal(v, c);
        }
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Optional<UUID> guid(JsonNode v) {
        return v != null && v.isTextual() ? KeyRef.guid(v.asText()) : Optional.empty();
    }

    private static String textOf(JsonNode v, ColumnDef c) {
        if (!v.isTextual()) {
            throw wrongType(v, c);
        }
        return v.asText();
    }

    static String edmType(ColumnType type) {
        return switch (type) {
            case String, Memo, EntityName, MultiSelectPicklist -> "Edm.String";
            case Integer, Picklist, State, Status -> "Edm.Int32";
            case BigInt -> "Edm.Int64";
            case Decimal, Money -> "Edm.Decimal";
            case Double -> "Edm.Double";
            case Boolean -> "Edm.Boolean";
            case DateTime -> "Edm.DateTimeOffset";
            case DateOnly -> "Edm.Date";
            case Uniqueidentifier, Lookup, Customer, Owner -> "Edm.Guid";
        };
    }

    private static ApiError wrongType(JsonNode v, ColumnDef c) {
        return ApiError.payload("Cannot convert the literal '" + v.asText() + "' to the expected type '"
                + edmType(c.type()) + "'.");
    }

    private static ApiError literal(JsonNode v, ColumnDef c) {
        return wrongType(v, c);
    }
}
