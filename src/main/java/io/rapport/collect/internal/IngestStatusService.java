package io.rapport.collect.internal;

import io.rapport.collect.EventLog;
import io.rapport.collect.IngestMonitor;
import io.rapport.collect.IngestStatus;
import org.springframework.stereotype.Component;

@Component
class IngestStatusService implements IngestMonitor {

    private final GroupCommitAppender appender;
    private final IngestRate rate;
    private final ConsumerRunner consumers;
    private final EventLog eventLog;

    IngestStatusService(GroupCommitAppender appender, IngestRate rate, ConsumerRunner consumers, EventLog eventLog) {
        this.appender = appender;
        this.rate = rate;
        this.consumers = consumers;
        this.eventLog = eventLog;
    }

    @Override
    public IngestStatus status() {
        long head = eventLog.head();
        return new IngestStatus(appender.queueDepth(), appender.queueCapacity(), rate.lastHour(), head,
                consumers.lags(head));
    }
}
