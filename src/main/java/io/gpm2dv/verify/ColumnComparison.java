package io.gpm2dv.verify;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import io.gpm2dv.sink.RecordImages;

/**
 * Compares what a write sent with what Dataverse holds, column by column: plain values (numbers by value, dates and
 * date-times by instant, strings exactly; an empty string sent reads back as null), lookups by the id they point at,
 * activity parties as a set of (mask, party or address), and a document by the SHA-256 of the decoded bytes. Pure
 * functions: no Dataverse, no ledger.
 */
public final class ColumnComparison {
    static final String BIND = "@odata.bind";
    static final String FILE = "@gpm2dv.file";
    private static final String PARTIES = "_activity_parties";

    private ColumnComparison() {
    }

    /** How a sent column is read back. */
    enum Kind { PLAIN, LOOKUP, PARTIES, FILE }

    /** A sent column: its name in the body, the column it is read back from, and how it is compared. */
    record Column(String sentName, String readName, Kind kind) {
    }

    /**
     * The columns of a sent body, in body order: every plain column, every {@code @odata.bind} (read as
     * {@code _<attribute>_value}), the party collection, and the file ({@code @gpm2dv.file}, read from its column).
     * {@code overriddencreatedon} is read back as {@code createdon}, where Dataverse keeps the source time.
     */
    public static List<Column> columns(String table, JsonNode sent) {
        List<Column> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (name.endsWith(BIND)) {
                String navigation = name.substring(0, name.length() - BIND.length());
                out.add(new Column(name, "_" + RecordImages.lookupAttribute(navigation) + "_value", Kind.LOOKUP));
            } else if (name.equals(FILE)) {
                out.add(new Column(name, f.getValue().path("column").asText(), Kind.FILE));
            } else if (name.contains("@")) {
                continue; // an annotation, not a column
            } else if (f.getValue().isArray() || name.endsWith(PARTIES)) {
                out.add(new Column(name, name, Kind.PARTIES));
            } else {
                out.add(new Column(name, name.equals("overriddencreatedon") ? "createdon" : name, Kind.PLAIN));
            }
        }
        return out;
    }

    /** The name a column has in the diff and the ledger: a bind by its navigation property, the file by its column. */
    public static String displayName(Column c) {
        return c.kind() == Kind.LOOKUP ? c.sentName().substring(0, c.sentName().length() - BIND.length())
                : c.kind() == Kind.FILE ? c.readName() : c.sentName();
    }

    /**
     * Every sent column of {@code r} against {@code row} (null: the record is not there, one {@code RECORD_MISSING}
     * check stands for all its columns) and its parties as read.
     */
    public static List<ColumnCheck> compare(SentRecord r, JsonNode row, List<JsonNode> parties) {
        List<ColumnCheck> out = new ArrayList<>();
        if (row == null) {
            out.add(new ColumnCheck(r.object(), r.key(), r.table(), "*", null, null, "record", "missing",
                    ColumnCheck.RECORD_MISSING));
            return out;
        }
        for (Column c : columns(r.table(), r.sent())) {
            JsonNode sent = r.sent().get(c.sentName());
            out.add(switch (c.kind()) {
                case PLAIN -> plain(r, c, sent, row.get(c.readName()));
                case LOOKUP -> lookup(r, c, sent, row.get(c.readName()));
                case PARTIES -> parties(r, c, sent, parties == null ? List.of() : parties);
                case FILE -> file(r, c, sent, row.get(c.readName()));
            });
        }
        return out;
    }

    private static ColumnCheck plain(SentRecord r, Column c, JsonNode sent, JsonNode read) {
        boolean same = samePlain(sent, read);
        return new ColumnCheck(r.object(), r.key(), r.table(), displayName(c), sent, read, ValueKinds.of(sent),
                ValueKinds.of(read), same ? null : ColumnCheck.VALUE_DIFFERS);
    }

    /** Numbers by value, dates and date-times by instant, strings exactly; "" sent is null read. */
    static boolean samePlain(JsonNode sent, JsonNode read) {
        boolean sentNull = isNull(sent) || (sent.isTextual() && sent.asText().isEmpty());
        boolean readNull = isNull(read);
        if (sentNull || readNull) {
            return sentNull && (readNull || (read.isTextual() && read.asText().isEmpty()));
        }
        if (sent.isNumber() || read.isNumber()) {
            Optional<BigDecimal> a = decimal(sent);
            Optional<BigDecimal> b = decimal(read);
            return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) == 0;
        }
        if (sent.isBoolean() || read.isBoolean()) {
            return sent.asText().equalsIgnoreCase(read.asText());
        }
        if (sent.isTextual() && read.isTextual()) {
            String a = sent.asText();
            String b = read.asText();
            if (a.equals(b)) {
                return true;
            }
            Optional<Instant> ia = instant(a);
            Optional<Instant> ib = instant(b);
            if (ia.isPresent() && ib.isPresent()) {
                return ia.get().equals(ib.get());
            }
            Optional<LocalDate> da = date(a);
            Optional<LocalDate> db = date(b).or(() -> ib.map(i -> i.atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
            return da.isPresent() && db.isPresent() && da.get().equals(db.get());
        }
        return sent.equals(read);
    }

    private static ColumnCheck lookup(SentRecord r, Column c, JsonNode sent, JsonNode read) {
        String sentId = isNull(sent) ? null : bindId(sent.asText());
        String readId = isNull(read) || read.asText().isEmpty() ? null : read.asText();
        boolean same = sentId == null ? readId == null : sentId.equalsIgnoreCase(readId == null ? "" : readId);
        return new ColumnCheck(r.object(), r.key(), r.table(), displayName(c), sentId == null ? null : TextNode.valueOf(sentId),
                read, ValueKinds.lookup(sentId == null ? null : TextNode.valueOf(sentId)), ValueKinds.lookup(read),
                same ? null : ColumnCheck.LOOKUP_DIFFERS);
    }

    private static ColumnCheck parties(SentRecord r, Column c, JsonNode sent, List<JsonNode> read) {
        List<String> a = new ArrayList<>();
        if (sent != null && sent.isArray()) {
            sent.forEach(p -> a.add(sentParty(p)));
        }
        List<String> b = new ArrayList<>();
        read.forEach(p -> b.add(readParty(p)));
        a.sort(null);
        b.sort(null);
        JsonNodeFactory f = JsonNodeFactory.instance;
        var sentSet = f.arrayNode();
        a.forEach(sentSet::add);
        var readSet = f.arrayNode();
        b.forEach(readSet::add);
        return new ColumnCheck(r.object(), r.key(), r.table(), displayName(c), sentSet, readSet, "parties(" + a.size() + ")",
                "parties(" + b.size() + ")", a.equals(b) ? null : ColumnCheck.PARTIES_DIFFER);
    }

    /** A party as {@code <mask>:<party id>} or {@code <mask>:address:<address>}. */
    static String sentParty(JsonNode p) {
        String mask = p.path("participationtypemask").asText();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().endsWith(BIND) && !isNull(f.getValue())) {
                return mask + ":" + bindId(f.getValue().asText()).toLowerCase();
            }
        }
        return mask + ":address:" + p.path("addressused").asText();
    }

    static String readParty(JsonNode p) {
        String mask = p.path("participationtypemask").asText();
        JsonNode party = p.get("_partyid_value");
        return isNull(party) ? mask + ":address:" + p.path("addressused").asText() : mask + ":" + party.asText().toLowerCase();
    }

    private static ColumnCheck file(SentRecord r, Column c, JsonNode sent, JsonNode read) {
        String expected = sent.path("sha256").asText();
        String held = null;
        long bytes = 0;
        if (!isNull(read) && !read.asText().isEmpty()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(read.asText());
            } catch (IllegalArgumentException e) {
                decoded = read.asText().getBytes(StandardCharsets.UTF_8);
            }
            bytes = decoded.length;
            held = sha256(decoded);
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        return new ColumnCheck(r.object(), r.key(), r.table(), displayName(c),
                f.objectNode().put("sha256", expected).put("size", sent.path("size").asLong()),
                held == null ? f.nullNode() : f.objectNode().put("sha256", held).put("size", bytes),
                "file(" + sent.path("size").asLong() + ")", held == null ? "null" : "file(" + bytes + ")",
                expected.equalsIgnoreCase(held == null ? "" : held) ? null : ColumnCheck.FILE_DIFFERS);
    }

    /** The id a bind path addresses ({@code /contacts(<id>)}), or the path itself when it is not an id. */
    static String bindId(String path) {
        int open = path.lastIndexOf('(');
        int close = path.lastIndexOf(')');
        return open >= 0 && close > open ? path.substring(open + 1, close) : path;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isNull(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private static Optional<BigDecimal> decimal(JsonNode v) {
        try {
            return Optional.of(v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String s) {
        if (s.length() < 11 || s.charAt(10) != 'T') {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Optional<LocalDate> date(String s) {
        if (s.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
