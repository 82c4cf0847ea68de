package io.rapport.insight.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a model fitted on earlier purchase histories is fitted again. Purchases change all the time in a live shop,
 * so a fit is reused until more than {@code changedShare} of the buyers it was fitted on have had their purchases
 * changed, until it is older than {@code maxAge}, or until the histories were read whole again (at start, after an
 * erasure). Reused or not, customers are scored on their current summaries.
 */
@Component
class RefitPolicy {

    private final Clock clock;
    private final Duration maxAge;
    private final double changedShare;

    RefitPolicy(Clock clock, @Value("${rapport.insight.refit-after:PT1H}") Duration maxAge,
            @Value("${rapport.insight.refit-changed-share:0.01}") double changedShare) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.changedShare = changedShare;
    }

    /** The histories a model was fitted on, and when. */
    record Stamp(PurchaseHistories.Version version, Instant fittedAt) {
    }

    Stamp stamp(PurchaseHistories.Version version) {
        return new Stamp(version, clock.instant());
    }

    /** Whether a model fitted as {@code fitted} says must be fitted again on histories now at {@code now}. */
    boolean due(Stamp fitted, PurchaseHistories.Version now) {
        PurchaseHistories.Version then = fitted.version();
        return then.generation() != now.generation()
                || now.changes() - then.changes() > changedShare * then.buyers()
                || !clock.instant().isBefore(fitted.fittedAt().plus(maxAge));
    }
}
