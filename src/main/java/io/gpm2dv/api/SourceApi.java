package io.gpm2dv.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.gpm2dv.owner.OwnerPreview;
import io.gpm2dv.owner.OwnerPreviewService;
import io.gpm2dv.profile.SourceProfile;
import io.gpm2dv.profile.SourceProfileService;
import io.gpm2dv.proposal.Proposal;
import io.gpm2dv.proposal.ProposalFiles;
import io.gpm2dv.proposal.ProposalService;

/**
 * The reports before a run: {@code /api/source/profile}, {@code /api/mapping/proposal}, {@code /api/owners/report}.
 * JSON by default, the report page with {@code Accept: text/html}; each is also written to the report directory.
 */
@ApplicationScoped
@Named("sourceApi")
public class SourceApi {
    @Inject
    OwnerPreviewService owners;

    @Inject
    ProposalService proposals;

    @Inject
    SourceProfileService profiles;

    public void profile(Exchange exchange) {
        SourceProfile profile = profiles.profile();
        if (ApiRequests.accepts(exchange, "text/html")) {
            ApiReply.text(200, "text/html; charset=utf-8", SourceProfileService.html(profile)).writeTo(exchange);
            return;
        }
        ApiJson.ok(200, profile).writeTo(exchange);
    }

    public void proposal(Exchange exchange) {
        Proposal proposal = proposals.propose();
        if (ApiRequests.accepts(exchange, "text/yaml")) {
            ApiReply.text(200, "text/yaml; charset=utf-8", ProposalService.yaml(proposal)).writeTo(exchange);
        } else if (ApiRequests.accepts(exchange, "text/html")) {
            ApiReply.text(200, "text/html; charset=utf-8", ProposalFiles.html(proposal)).writeTo(exchange);
        } else {
            ApiJson.ok(200, java.util.Map.of("entries", proposal.entries())).writeTo(exchange);
        }
    }

    public void owners(Exchange exchange) {
        OwnerPreview.Report report = owners.report();
        if (ApiRequests.accepts(exchange, "text/html")) {
            ApiReply.text(200, "text/html; charset=utf-8", OwnerPreviewService.html(report)).writeTo(exchange);
            return;
        }
        ApiJson.ok(200, report).writeTo(exchange);
    }
}
