package io.gpm2dv.mapping;

import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.SourceRow;

/**
 * The primary name of a client referral, {@code "<client> ← <referrer>"} (target-mapping §2), with the names a Dynamics
 * user knows them by: the client's full name (the survivor's, for a merged-away client) and the referrer's display
 * name, else the referring organisation's name. A party the export does not hold (H15) is named by its Gensolve id,
 * as practitioners are. The name lives in Dataverse only; it is never logged.
 */
final class ReferralNames {
    static final String ARROW = " ← ";

    private ReferralNames() {
    }

    static String of(ExportIndex index, SourceRow row) {
        return client(index, row.longValue("client_id")) + ARROW
                + referrer(index, row.longValue("referrer_id"), row.longValue("referring_organisation_id"));
    }

    private static String client(ExportIndex index, Long clientId) {
        if (clientId == null) {
            return "No client";
        }
        Long survivor = index.survivingClient(clientId);
        String name = index.referredClientName(survivor);
        return TextValues.isBlank(name) ? "Unknown client (GPM " + survivor + ")" : name;
    }

    private static String referrer(ExportIndex index, Long referrerId, Long organisationId) {
        String name = index.referrerName(referrerId);
        if (TextValues.isBlank(name)) {
            name = index.organisationName(organisationId);
        }
        if (!TextValues.isBlank(name)) {
            return name;
        }
        if (referrerId != null) {
            return "Unknown referrer (GPM " + referrerId + ")";
        }
        return organisationId != null ? "Unknown organisation (GPM " + organisationId + ")" : "No referrer";
    }
}
