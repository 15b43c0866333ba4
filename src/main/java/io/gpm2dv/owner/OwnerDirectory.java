package io.gpm2dv.owner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.pipeline.ConfigurationException;

/**
 * Practitioner → system user resolution for one run: matched by email (case-insensitive, trimmed), usable
 * when enabled; application users never own migrated records. Pure: built from the export's practitioners
 * and the users read from Dataverse.
 */
public final class OwnerDirectory {
    /** The resolution of one practitioner. */
    public record PractitionerMatch(long practitionerId, UUID userId, OwnerOutcome outcome) {
    }

    /** The owner a record gets. */
    public record Owner(UUID userId, OwnerOutcome outcome) {
    }

    private final Map<Long, PractitionerMatch> matches;
    private final UUID fallbackUserId;

    private OwnerDirectory(Map<Long, PractitionerMatch> matches, UUID fallbackUserId) {
        this.matches = matches;
        this.fallbackUserId = fallbackUserId;
    }

    /**
     * Resolves every practitioner and the fallback owner.
     *
     * @throws IllegalStateException when the fallback owner is not exactly one enabled, non-application user:
     *         no record may land without a resolved, enabled owner
     */
    public static OwnerDirectory resolve(Collection<ExportIndex.Practitioner> practitioners,
            Collection<SystemUser> users, String fallbackOwnerEmail) {
        return resolve(practitioners, users, fallbackOwnerEmail, true);
    }

    /**
     * Resolves the practitioners; with {@code requireFallback} false an unusable fallback owner leaves
     * {@link #fallbackUserId()} null instead of failing (the owner report before a run says so).
     */
    public static OwnerDirectory resolve(Collection<ExportIndex.Practitioner> practitioners,
            Collection<SystemUser> users, String fallbackOwnerEmail, boolean requireFallback) {
        Map<String, List<SystemUser>> byEmail = new HashMap<>();
        for (SystemUser u : users) {
            if (!u.applicationUser() && u.email() != null) {
                byEmail.computeIfAbsent(normalise(u.email()), k -> new ArrayList<>()).add(u);
            }
        }
        UUID fallback;
        try {
            fallback = fallbackUser(byEmail, fallbackOwnerEmail);
        } catch (ConfigurationException e) {
            if (requireFallback) {
                throw e;
            }
            fallback = null;
        }

        Map<Long, PractitionerMatch> matches = new HashMap<>();
        Map<UUID, Integer> practitionersPerUser = new HashMap<>();
        for (ExportIndex.Practitioner p : practitioners) {
            List<SystemUser> candidates = p.email() == null ? List.of() : byEmail.getOrDefault(normalise(p.email()), List.of());
            List<SystemUser> enabled = candidates.stream().filter(u -> !u.disabled()).toList();
            PractitionerMatch m;
            if (candidates.isEmpty()) {
                m = new PractitionerMatch(p.id(), null, OwnerOutcome.FALLBACK_UNMATCHED);
            } else if (enabled.isEmpty()) {
                m = new PractitionerMatch(p.id(), null, OwnerOutcome.FALLBACK_DISABLED);
            } else if (enabled.size() > 1) {
                m = new PractitionerMatch(p.id(), null, OwnerOutcome.FALLBACK_AMBIGUOUS);
            } else {
                m = new PractitionerMatch(p.id(), enabled.get(0).id(), OwnerOutcome.MATCHED);
                practitionersPerUser.merge(m.userId(), 1, Integer::sum);
            }
            matches.put(p.id(), m);
        }
        // H05: practitioners sharing one user keep it as owner, but none of them updates the user
        matches.replaceAll((id, m) -> m.outcome() == OwnerOutcome.MATCHED && practitionersPerUser.get(m.userId()) > 1
                ? new PractitionerMatch(id, m.userId(), OwnerOutcome.MATCHED_SHARED) : m);
        return new OwnerDirectory(Map.copyOf(matches), fallback);
    }

    private static UUID fallbackUser(Map<String, List<SystemUser>> byEmail, String email) {
        if (email == null || email.isBlank()) {
            throw new ConfigurationException("migration.fallback-owner is not set: no record may land without an owner");
        }
        List<SystemUser> enabled = byEmail.getOrDefault(normalise(email), List.of()).stream()
                .filter(u -> !u.disabled()).toList();
        if (enabled.size() != 1) {
            throw new ConfigurationException("migration.fallback-owner " + email + " must be exactly one enabled system user in"
                    + " Dataverse; found " + enabled.size());
        }
        return enabled.get(0).id();
    }

    public UUID fallbackUserId() { return fallbackUserId; }

    public Map<Long, PractitionerMatch> matches() { return matches; }

    /** The owner of a record naming {@code practitionerId} (null: the row names none). */
    public Owner ownerFor(Long practitionerId) {
        if (practitionerId == null) {
            return new Owner(fallbackUserId, OwnerOutcome.FALLBACK_NONE);
        }
        PractitionerMatch m = matches.get(practitionerId);
        if (m == null) {
            return new Owner(fallbackUserId, OwnerOutcome.FALLBACK_UNKNOWN_PRACTITIONER);
        }
        return m.outcome().usable() ? new Owner(m.userId(), m.outcome()) : new Owner(fallbackUserId, m.outcome());
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
