package io.rapport.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import io.rapport.collect.TrackedEvent;
import io.rapport.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Last-touch campaign attribution: a visit or order belongs to the campaign of the person's last campaign-tagged
 * message (its {@code context.campaign} name, source and medium) at or up to 30 days before it, else to
 * {@link #NONE}. Each person's last touch per campaign is kept, so messages arriving out of order still find the
 * touch that was last before them.
 */
@Component
class CampaignTouches {

    static final String NONE = "(none)";
    static final Duration WINDOW = Duration.ofDays(30);
    private static final int MAX_CAMPAIGN = 300;

    private final JdbcClient jdbc;

    CampaignTouches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The campaign a message is tagged with, as {@code name / source / medium} ({@code -} for a part it lacks), or
     * nothing for a message without {@code context.campaign}.
     */
    static @Nullable String tag(TrackedEvent event) {
        if (!event.json().contains("\"campaign\"")) {
            return null;
        }
        JsonNode campaign = event.payload().path("context").path("campaign");
        String name = part(campaign, "name");
        String source = part(campaign, "source");
        String medium = part(campaign, "medium");
        if (name.equals("-") && source.equals("-") && medium.equals("-")) {
            return null;
        }
        String tag = name + " / " + source + " / " + medium;
        return tag.length() > MAX_CAMPAIGN ? tag.substring(0, MAX_CAMPAIGN) : tag;
    }

    /** Attribution for one batch of messages. */
    Attribution attribution() {
        return new Attribution();
    }

    /**
     * Remembers, for one batch, the people without any touch (most traffic is untagged), so their messages are
     * attributed to {@link #NONE} without a query each.
     */
    final class Attribution {

        private final Set<String> untouched = new HashSet<>();

        private Attribution() {
        }

        /** Records the message's touch (if it is tagged) and answers the campaign it is attributed to. */
        String of(String person, TrackedEvent event) {
            @Nullable String tag = tag(event);
            Instant at = event.timestamp();
            if (tag != null) {
                untouched.remove(person);
                jdbc.sql("""
                        insert into insight_campaign_touches (person, campaign, touched_at) values (?, ?, ?)
                        on conflict do nothing""").params(person, tag, Timestamps.of(at)).update();
                jdbc.sql("""
                        update insight_campaign_touches set touched_at = ?
                        where person = ? and campaign = ? and touched_at < ?""")
                        .params(Timestamps.of(at), person, tag, Timestamps.of(at)).update();
                return tag;
            }
            if (untouched.contains(person)) {
                return NONE;
            }
            @Nullable String campaign = jdbc.sql("""
                    select campaign from insight_campaign_touches
                    where person = ? and touched_at <= ? and touched_at >= ?
                    order by touched_at desc, campaign limit 1""")
                    .params(person, Timestamps.of(at), Timestamps.of(at.minus(WINDOW)))
                    .query(String.class).optional().orElse(null);
            if (campaign != null) {
                return campaign;
            }
            if (jdbc.sql("select count(*) from insight_campaign_touches where person = ?").param(person)
                    .query(Long.class).single() == 0) {
                untouched.add(person);
            }
            return NONE;
        }
    }

    private static String part(JsonNode campaign, String field) {
        JsonNode value = campaign.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue().strip() : "-";
    }
}
