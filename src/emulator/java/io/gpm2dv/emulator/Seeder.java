package io.gpm2dv.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The records every environment has before anyone writes: the organization, the root business unit, the
 * SYSTEM and INTEGRATION users, the application user the emulator's tokens act as (and one more per further registered client), the users of the users file,
 * the base currency (NZD), the root business unit's default team, and the sdkmessage/sdkmessagefilter rows that tell which tables support which messages.
 */
final class Seeder {
    /** Tables rebuilt from the schema at every start, never read back from a state file. */
    static final Set<String> DERIVED = Set.of("organization", "sdkmessage", "sdkmessagefilter");
    private static final List<String> MESSAGES = List.of("Create", "Update", "Delete");

    private Seeder() {
    }

    /** {@code clients}: the registered client ids; each after the first gets an application user of its own. */
    static void seed(RecordStore store, Identity id, Path usersFile, Predicate<TableDef> bulkSupported, long maxUploadFileSize,
            List<String> clients) {
        JsonNode users = readUsers(usersFile);
        store.write(tx -> {
            String now = ValueRules.now();
            ObjectNode org = row(tx, "organizationid", id.organizationId(), now);
            org.put("name", "gpm2dv-emulator");
            org.put("maxuploadfilesize", maxUploadFileSize);
            org.put("languagecode", 1033);
            tx.put("organization", id.organizationId(), org);

            ObjectNode bu = row(tx, "businessunitid", id.rootBusinessUnitId(), now);
            bu.put("name", "gpm2dv-emulator");
            bu.putNull("_parentbusinessunitid_value");
            bu.put("isdisabled", false);
            tx.put("businessunit", id.rootBusinessUnitId(), bu);

            user(tx, id, id.applicationUserId(), "# gpm2dv migration (application user)",
                    id.applicationId() + "@emulator.invalid", false, 4, id.applicationId(), now);
            for (String client : clients.subList(Math.min(1, clients.size()), clients.size())) {
                UUID app = Identity.extraApplication(client);
                user(tx, id, Identity.extraApplicationUser(client), "# gpm2dv migration (application user " + client + ")",
                        app + "@emulator.invalid", false, 4, app, now);
            }
            user(tx, id, Identity.named("systemuser:SYSTEM"), "SYSTEM", null, false, 0, null, now);
            user(tx, id, Identity.named("systemuser:INTEGRATION"), "INTEGRATION", null, false, 0, null, now);
            for (JsonNode u : users) {
                String email = u.path("email").asText();
                user(tx, id, Identity.named("systemuser:" + email.toLowerCase(Locale.ROOT)), u.path("fullname").asText(email),
                        email, u.path("isdisabled").asBoolean(false), 0, null, now);
            }
            for (TableDef t : tx.schema().tables()) {
                filters(tx, t, bulkSupported, now);
            }
            ObjectNode currency = row(tx, "transactioncurrencyid", Identity.named("transactioncurrency:base"), now);
            currency.put("currencyname", "New Zealand Dollar");
            currency.put("isocurrencycode", "NZD");
            currency.put("currencysymbol", "$");
            currency.put("exchangerate", 1.0);
            currency.put("currencyprecision", 2);
            tx.put("transactioncurrency", Identity.named("transactioncurrency:base"), currency);
            ObjectNode team = row(tx, "teamid", Identity.named("team:root"), now);
            team.put("name", "gpm2dv-emulator");
            team.put("teamtype", 0);
            team.put("isdefault", true);
            EntityWrites.setLookup(team, "businessunitid", "businessunit", id.rootBusinessUnitId());
            tx.put("team", Identity.named("team:root"), team);
            return null;
        });
    }

    private static void user(RecordStore.Tx tx, Identity id, UUID userId, String fullname, String email, boolean disabled,
            int accessMode, UUID applicationId, String now) {
        ObjectNode u = row(tx, "systemuserid", userId, now);
        u.put("fullname", fullname);
        int space = fullname.lastIndexOf(' ');
        u.put("firstname", space > 0 ? fullname.substring(0, space) : null);
        u.put("lastname", space > 0 ? fullname.substring(space + 1) : fullname);
        u.put("internalemailaddress", email);
        u.put("domainname", email);
        u.put("isdisabled", disabled);
        u.put("islicensed", applicationId == null && email != null);
        u.put("accessmode", accessMode);
        u.put("applicationid", applicationId == null ? null : applicationId.toString());
        EntityWrites.setLookup(u, "businessunitid", "businessunit", id.rootBusinessUnitId());
        u.put("_businessunitid_value" + BodyRules.NAVIGATION, "businessunitid");
        tx.put("systemuser", userId, u);
    }

    /** The sdkmessagefilter rows of one table: Create/Update/Delete when writable, the bulk messages when supported. */
    static void filters(RecordStore.Tx tx, TableDef t, Predicate<TableDef> bulkSupported, String now) {
        if (t.writable()) {
            MESSAGES.forEach(m -> filter(tx, m, t, now));
        }
        if (bulkSupported.test(t)) {
            BulkActions.ACTIONS.forEach(m -> filter(tx, m, t, now));
        }
    }

    private static void filter(RecordStore.Tx tx, String message, TableDef t, String now) {
        UUID messageId = Identity.named("sdkmessage:" + message);
        if (tx.get("sdkmessage", messageId).isEmpty()) {
            ObjectNode m = row(tx, "sdkmessageid", messageId, now);
            m.put("name", message);
            tx.put("sdkmessage", messageId, m);
        }
        UUID filterId = Identity.named("sdkmessagefilter:" + message + ":" + t.logicalName());
        ObjectNode f = row(tx, "sdkmessagefilterid", filterId, now);
        f.put("name", message + " " + t.logicalName());
        EntityWrites.setLookup(f, "sdkmessageid", "sdkmessage", messageId);
        f.put("primaryobjecttypecode", t.logicalName());
        f.put("secondaryobjecttypecode", "none");
        f.put("isvisible", true);
        tx.put("sdkmessagefilter", filterId, f);
    }

    private static ObjectNode row(RecordStore.Tx tx, String primaryKey, UUID id, String now) {
        ObjectNode r = ApiResponse.JSON.createObjectNode();
        r.put(primaryKey, id.toString());
        r.put("createdon", now);
        r.put("modifiedon", now);
        r.put("versionnumber", tx.nextVersion());
        return r;
    }

    private static JsonNode readUsers(Path usersFile) {
        if (usersFile == null) {
            return ApiResponse.JSON.createArrayNode();
        }
        try {
            JsonNode users = ApiResponse.JSON.readTree(Files.readString(usersFile));
            if (!users.isArray()) {
                throw new IllegalArgumentException(usersFile + " must hold a JSON array of {email, fullname, isdisabled}");
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + usersFile, e);
        }
    }
}
