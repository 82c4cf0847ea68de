package io.rapport.feedback;

import org.jspecify.annotations.Nullable;

/**
 * Signed links that open a survey for whoever follows them (a shared link, a receipt, a card at the counter) and
 * their QR codes. Each opening is a new invitation of the {@code link} or {@code store} channel, answered on
 * Rapport's answer page; the signature covers the channel, locale and order id, so none can be changed.
 */
public interface SurveySharing {

    int MIN_QR_SIZE = 100;
    int MAX_QR_SIZE = 1_000;

    /**
     * The signed URL, under {@code rapport.public-url}.
     *
     * @param channel {@link SurveyInvitations#LINK} or {@link SurveyInvitations#STORE}
     * @param locale the language the page opens in, if not the browser's
     * @param orderId the order the answers are about (a receipt's), if any
     * @throws io.rapport.platform.ApiProblem for an unknown survey or an invalid channel, locale or order id
     */
    String link(Survey.Id survey, String channel, @Nullable String locale, @Nullable String orderId);

    /** {@link #link} as a PNG QR code of {@code size} × {@code size} pixels ({@value #MIN_QR_SIZE}–{@value #MAX_QR_SIZE}). */
    byte[] qrCode(Survey.Id survey, String channel, @Nullable String locale, @Nullable String orderId, int size);
}
