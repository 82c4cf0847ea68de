package io.rapport.collect.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "ingest": down when the event-log writer is not running, so a load
 * balancer stops sending tracking calls to this node.
 */
@Component("ingest")
class IngestHealth implements HealthIndicator {

    private final GroupCommitAppender appender;

    IngestHealth(GroupCommitAppender appender) {
        this.appender = appender;
    }

    @Override
    public Health health() {
        Health.Builder health = appender.writing() ? Health.up() : Health.down();
        return health.withDetail("queueDepth", appender.queueDepth())
                .withDetail("queueCapacity", appender.queueCapacity())
                .build();
    }
}
