package io.gpm2dv.dataverse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret;

/**
 * OAuth 2.0 client-credentials tokens for Dataverse, acquired and cached through the Quarkus OIDC client.
 * No refresh token is issued for this grant, so a new token is requested shortly before the old one expires
 * and whenever Dataverse answers 401.
 */
@ApplicationScoped
public class DataverseTokenProvider {
    @Inject
    OidcClients oidcClients;

    @Inject
    DataverseConfig config;

    private OidcClient client;
    private Tokens tokens;

    /** A valid access token; acquires a new one when none is cached or the cached one is about to expire. */
    public synchronized String accessToken() {
        if (tokens == null || expiresSoon(tokens, config.tokenRenewBefore())) {
            tokens = client().getTokens().await().atMost(config.requestTimeout());
        }
        return tokens.getAccessToken();
    }

    /** Forgets the cached token (after a 401) so the next call acquires a fresh one. */
    public synchronized void invalidate() {
        tokens = null;
    }

    /** The scope requested: the environment URL followed by {@code /.default}. */
    public String scope() {
        return config.scope().orElseGet(() -> trimSlash(config.url()) + "/.default");
    }

    private static boolean expiresSoon(Tokens t, Duration renewBefore) {
        Long expiresAt = t.getAccessTokenExpiresAt();
        return expiresAt == null
                || Instant.ofEpochSecond(expiresAt).minus(renewBefore).isBefore(Instant.now());
    }

    private OidcClient client() {
        if (client == null) {
            URI tokenUri = URI.create(config.tokenUrl());
            String origin = tokenUri.getScheme() + "://" + tokenUri.getRawAuthority();
            OidcClientConfig clientConfig = OidcClientConfig.builder()
                    .id("dataverse")
                    .authServerUrl(origin)
                    .discoveryEnabled(false)
                    .tokenPath(config.tokenUrl())
                    .clientId(config.clientId())
                    .credentials().clientSecret(config.clientSecret(), Secret.Method.POST).end()
                    .grant(OidcClientConfig.Grant.Type.CLIENT)
                    .scopes(scope())
                    .connectionTimeout(config.connectTimeout())
                    .build();
            client = oidcClients.newClient(clientConfig).await().atMost(config.requestTimeout());
        }
        return client;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
