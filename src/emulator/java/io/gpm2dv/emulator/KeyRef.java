package io.gpm2dv.emulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A record address inside parentheses: the primary key ({@code (guid)} or {@code (accountid=guid)}) or an
 * alternate key ({@code (new_gensolveid='client-1')}, parts in any order), checked against the table's keys.
 */
public record KeyRef(TableDef table, UUID id, KeyDef key, Map<String, JsonNode> values, String text) {
    /** Characters that break keyed URLs (API §3.6). */
    static final String FORBIDDEN = "/<>*%&:\\?+";
    // compiled once: guid() runs for every key, bind, GUID value and filter literal of every request
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    public boolean isPrimary() {
        return id != null;
    }

    /** The address as it appears in {@code OData-EntityId}. */
    public String urlForm() {
        return table.entitySetName() + "(" + (isPrimary() ? id.toString() : text) + ")";
    }

    public static KeyRef parse(TableDef table, String keyText) {
        String text = keyText.trim();
        Optional<UUID> bare = guid(text);
        if (bare.isPresent()) {
            return new KeyRef(table, bare.get(), null, Map.of(), text);
        }
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        for (String part : splitTopLevel(text)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw ApiError.badKey(table);
            }
            String name = part.substring(0, eq).trim();
            if (parts.put(name, literal(part.substring(eq + 1).trim(), table)) != null) {
                throw ApiError.badKey(table);
            }
        }
        // systemuser and team inherit their key from principal (ownerid), so systemuserid=... is not a declared key
        boolean principal = table.logicalName().equals("systemuser") || table.logicalName().equals("team");
        if (parts.size() == 1 && parts.containsKey(table.primaryKey()) && !principal) {
            UUID id = guid(parts.get(table.primaryKey()).asText()).orElseThrow(() -> ApiError.badKey(table));
            return new KeyRef(table, id, null, Map.of(), text);
        }
        for (KeyDef key : table.keys()) {
            if (Set.copyOf(key.columns()).equals(parts.keySet())) {
                for (JsonNode v : parts.values()) {
                    checkAddressable(v.asText());
                }
                return new KeyRef(table, null, key, parts, text);
            }
        }
        throw ApiError.badKey(table);
    }

    static void checkAddressable(String value) {
        for (char c : value.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                // Dataverse documents that such values break keyed GET/PATCH; the exact failure is not documented
                throw ApiError.query("Bad Request - Error in query syntax. The key value '" + value + "' contains '"
                        + c + "', which cannot be used in a key in a URL (one of / < > * % & : \\ ? +).");
            }
        }
    }

    private static List<String> splitTopLevel(String text) {
        List<String> out = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static JsonNode literal(String v, TableDef table) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return JsonNodeFactory.instance.textNode(v.substring(1, v.length() - 1).replace("''", "'"));
        }
        Optional<UUID> g = guid(v);
        if (g.isPresent()) {
            return JsonNodeFactory.instance.textNode(g.get().toString());
        }
        if (INTEGER.matcher(v).matches()) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(v)); // integral, as an Integer key column needs
        }
        try {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(v));
        } catch (NumberFormatException notNumber) {
            throw ApiError.badKey(table);
        }
    }

    static Optional<UUID> guid(String s) {
        if (s.length() == 36 && GUID.matcher(s).matches()) {
            return Optional.of(UUID.fromString(s));
        }
        return Optional.empty();
    }

    /** The id of the addressed record, if it exists. */
    public Optional<UUID> resolve(RecordStore.View view) {
        if (isPrimary()) {
            return view.get(table.logicalName(), id).map(r -> id);
        }
        return view.findByKey(table.logicalName(), key, values);
    }

    /** The error Dataverse gives when the addressed record is missing. */
    public ApiError notFound() {
        return isPrimary() ? ApiError.notFound(table.logicalName(), id) : ApiError.keyNotFound(table.logicalName());
    }
}
