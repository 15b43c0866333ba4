package io.gpm2dv.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


/**
 * The system users the local Dataverse emulator is seeded with: the fallback owner, most practitioners (one with
 * different case and spaces, one disabled, the shared reception address once), some practitioners with none.
 */
final class SampleUsers {
    static final String FALLBACK_OWNER = "migration.owner@harbourside.example";

    private SampleUsers() {
    }

    static void write(Path file) throws IOException {
        List<Object> users = new ArrayList<>();
        users.add(user(FALLBACK_OWNER, "Migration Owner", false));
        users.add(user("practice.manager@harbourside.example", "Practice Manager", false));
        Set<String> seen = new HashSet<>();
        for (Staff.Practitioner p : Staff.PRACTITIONERS) {
            if (p.userDisabled() == null || p.email() == null || !seen.add(p.email().trim().toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean shared = p.email().toLowerCase(Locale.ROOT).startsWith("reception@");
            // the directory keeps Aroha's address in other case with stray spaces: matching must trim and fold case
            String email = p.id() == 11 ? "  Aroha.Ngata@Harbourside.EXAMPLE " : p.email();
            users.add(user(email, shared ? "Harbourside Reception" : p.display(), p.userDisabled()));
        }
        Files.writeString(file, Json.pretty(users) + "\n", StandardCharsets.UTF_8);
    }

    private static Map<String, Object> user(String email, String fullname, boolean disabled) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("email", email);
        u.put("fullname", fullname);
        u.put("isdisabled", disabled);
        return u;
    }
}
