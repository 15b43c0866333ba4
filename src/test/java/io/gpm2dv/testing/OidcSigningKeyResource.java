package io.gpm2dv.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An identity provider's signing key for the tests: a key pair made once per test JVM, whose public half the product
 * verifies OIDC access tokens with ({@code quarkus.oidc.public-key}); {@link #token} signs one as the provider would.
 */
public class OidcSigningKeyResource implements QuarkusTestResourceLifecycleManager {
    private static KeyPair keys;

    @Override
    public synchronized Map<String, String> start() {
        return Map.of("quarkus.oidc.public-key", Base64.getEncoder().encodeToString(keys().getPublic().getEncoded()));
    }

    @Override
    public void stop() {
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                keys = g.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    /** An RS256 access token for {@code subject}, valid for {@code seconds} from now (negative: already expired). */
    public static String token(String subject, long seconds) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"" + subject + "\",\"iss\":\"https://idp.test/\",\"iat\":" + (now - 60)
                + ",\"exp\":" + (now + seconds) + "}");
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys().getPrivate());
            s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
