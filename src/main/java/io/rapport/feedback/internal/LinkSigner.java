package io.rapport.feedback.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.rapport.platform.Secrets;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 signatures of the public survey links. The key is {@code rapport.feedback.link-secret} when set, else
 * a random one made once and kept in {@code survey_link_secrets}, so that every node and every restart sign alike.
 * Signatures are the first 128 bits of the MAC (RFC 2104 allows truncation to half its length), which keeps links
 * and QR codes short.
 */
@Component
class LinkSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 16;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final @Nullable String configured;
    private volatile @Nullable SecretKeySpec key;

    LinkSigner(JdbcClient jdbc, FeedbackProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = properties.linkSecret();
    }

    /** The URL-safe signature of these parts, in order; parts are length-prefixed, so no two lists sign alike. */
    String sign(String... parts) {
        StringBuilder message = new StringBuilder();
        for (String part : parts) {
            message.append(part.length()).append(':').append(part);
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            byte[] full = mac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code signature} is the signature of these parts, compared in constant time. */
    boolean verify(@Nullable String signature, String... parts) {
        return signature != null && MessageDigest.isEqual(sign(parts).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            String secret = configured != null ? configured : stored();
            current = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
            key = current;
        }
        return current;
    }

    /** The stored secret; the first node to ask makes it, and every other reads the one that won. */
    private String stored() {
        jdbc.sql("insert into survey_link_secrets (name, secret, created_at) values ('links', ?, ?) on conflict do nothing")
                .params(Secrets.token("", 32), Timestamps.of(clock.instant())).update();
        return jdbc.sql("select secret from survey_link_secrets where name = 'links'").query(String.class).single();
    }
}
