package io.rapport.collect.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import io.rapport.collect.IngestStatus;
import org.springframework.stereotype.Component;

/** Messages stored per minute over the last hour on this node, for the console's system page. */
@Component
class IngestRate {

    private static final int MINUTES = 60;

    private final Clock clock;
    private final AtomicLongArray counts = new AtomicLongArray(MINUTES);
    private final AtomicLongArray minuteOfSlot = new AtomicLongArray(MINUTES);

    IngestRate(Clock clock) {
        this.clock = clock;
    }

    /** Called by the single appender thread only, so a slot is never reset and counted at once. */
    void record(int stored) {
        long minute = clock.millis() / 60_000;
        int slot = (int) (minute % MINUTES);
        if (minuteOfSlot.get(slot) != minute) {
            counts.set(slot, 0);
            minuteOfSlot.set(slot, minute);
        }
        counts.addAndGet(slot, stored);
    }

    /** The last 60 minutes, oldest first, the current minute last. */
    List<IngestStatus.Minute> lastHour() {
        long now = clock.millis() / 60_000;
        List<IngestStatus.Minute> minutes = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            int slot = (int) (minute % MINUTES);
            long count = minuteOfSlot.get(slot) == minute ? counts.get(slot) : 0;
            minutes.add(new IngestStatus.Minute(Instant.ofEpochSecond(minute * 60).truncatedTo(ChronoUnit.MINUTES),
                    count));
        }
        return minutes;
    }
}
