package io.rapport.feedback;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One survey for one person through one channel. Its {@code token} is the id that public endpoints carry (in the
 * widget's answer, in an email's signed links, behind a QR code) and the id of the response it collects: random
 * (122 bits), so it cannot be guessed, and answering twice with it updates the same response.
 *
 * @param identifier the encoded identifier it was sent to; {@code null} for a link or QR code nobody was named for
 * @param dueAt when it may go out (or be shown)
 * @param contactedAt when it was sent or shown: the contact that throttling counts
 */
public record Invitation(UUID token, Survey.Id surveyId, String channel, @Nullable String identifier,
        InvitationStatus status, @Nullable SkipReason skipReason, @Nullable String locale, @Nullable String orderId,
        @Nullable String ticketId, Instant createdAt, Instant dueAt, @Nullable Instant contactedAt) {
}
