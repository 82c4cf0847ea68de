package io.rapport.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.rapport.collect.HourlyEventCounts;
import io.rapport.collect.IngestMonitor;
import io.rapport.collect.IngestStatus;
import io.rapport.collect.Source;
import io.rapport.collect.Sources;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The health of the ingest pipeline: how many events are stored per minute, how full the queue is, how far
 * each consumer is behind, and the events per hour of the last day by source and type.
 */
@Controller
@RequestMapping("/console/system")
@PreAuthorize("hasRole('ANALYST')")
class SystemPage {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d, HH:00")
            .withZone(ZoneOffset.UTC);
    private static final int HOURS = 24;

    private final IngestMonitor ingest;
    private final HourlyEventCounts hourlyCounts;
    private final Sources sources;
    private final Clock clock;

    SystemPage(IngestMonitor ingest, HourlyEventCounts hourlyCounts, Sources sources, Clock clock) {
        this.ingest = ingest;
        this.hourlyCounts = hourlyCounts;
        this.sources = sources;
        this.clock = clock;
    }

    /** A consumer whose oldest unread event has waited longer than this is shown in red. */
    private static final Duration LATE = Duration.ofSeconds(5);

    record ConsumerRow(String name, long position, long behind, String waited, boolean late, String lastError) {
    }

    /** What the charts draw: one series per minute of the last hour, and one per source and type per hour. */
    record Charts(List<String> minutes, List<Long> storedPerMinute, List<String> hours, List<Series> hourly) {
    }

    record Series(String name, List<Long> events) {
    }

    @GetMapping
    String page(Model model) {
        status(model);
        return "console/system";
    }

    @GetMapping("/status")
    String status(Model model) {
        IngestStatus status = ingest.status();
        model.addAttribute("queueDepth", status.queueDepth());
        model.addAttribute("queueCapacity", status.queueCapacity());
        model.addAttribute("queuePercent", status.queueCapacity() == 0 ? 0
                : Math.min(100.0, 100.0 * status.queueDepth() / status.queueCapacity()));
        model.addAttribute("logHead", status.logHead());
        model.addAttribute("lastHourTotal", status.lastHour().stream().mapToLong(IngestStatus.Minute::stored).sum());
        model.addAttribute("consumers", status.consumers().stream()
                .map(c -> new ConsumerRow(c.name(), c.position(), c.behind(), Times.waited(c.delay()),
                        c.delay().compareTo(LATE) > 0, c.lastError() == null ? "" : c.lastError()))
                .toList());
        model.addAttribute("refreshedAt", Times.full(clock.instant()));
        return "console/system :: status";
    }

    @GetMapping("/charts")
    @ResponseBody
    Charts charts() {
        List<IngestStatus.Minute> lastHour = ingest.status().lastHour();
        Instant firstHour = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        List<Instant> hours = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            hours.add(firstHour.plus(Duration.ofHours(i)));
        }
        Map<Source.Id, String> names = sources.list().stream()
                .collect(Collectors.toMap(Source::id, Source::name, (a, b) -> a));
        Map<String, long[]> series = new TreeMap<>();
        for (HourlyEventCounts.Count count : hourlyCounts.since(firstHour)) {
            int index = hours.indexOf(count.hour());
            if (index >= 0) {
                String name = names.getOrDefault(count.source(), "deleted source") + " · " + count.type().wireName();
                series.computeIfAbsent(name, n -> new long[HOURS])[index] += count.events();
            }
        }
        return new Charts(lastHour.stream().map(m -> MINUTE.format(m.start())).toList(),
                lastHour.stream().map(IngestStatus.Minute::stored).toList(),
                hours.stream().map(HOUR::format).toList(),
                series.entrySet().stream()
                        .map(e -> new Series(e.getKey(), Arrays.stream(e.getValue()).boxed().toList()))
                        .toList());
    }
}
