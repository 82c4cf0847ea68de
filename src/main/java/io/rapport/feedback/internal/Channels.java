package io.rapport.feedback.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.rapport.feedback.InvitationChannel;
import io.rapport.feedback.SurveyInvitations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The delivery channels: the built-in web channel, and every {@link InvitationChannel} bean (push channels). */
@Component
class Channels {

    private static final Pattern NAME = Pattern.compile("[a-z]{1,20}");
    private static final Set<String> BUILT_IN = Set.of(SurveyInvitations.WEB, SurveyInvitations.LINK,
            SurveyInvitations.STORE);

    private final Map<String, InvitationChannel> push;

    Channels(ObjectProvider<InvitationChannel> channels) {
        Map<String, InvitationChannel> byName = new TreeMap<>();
        channels.orderedStream().forEach(channel -> {
            if (!NAME.matcher(channel.name()).matches() || BUILT_IN.contains(channel.name())
                    || byName.putIfAbsent(channel.name(), channel) != null) {
                throw new IllegalStateException("The invitation channel " + channel.getClass().getName()
                        + " needs a name of 1 to 20 lower-case letters that no other channel has, not '"
                        + channel.name() + "'");
            }
        });
        this.push = Collections.unmodifiableMap(byName);
    }

    /** The channels triggers and sends may name: web and the push channels. */
    Set<String> invitable() {
        Set<String> names = new TreeSet<>(push.keySet());
        names.add(SurveyInvitations.WEB);
        return Collections.unmodifiableSet(names);
    }

    /** The push channels that can deliver now. */
    Set<String> readyPushNames() {
        Set<String> ready = new TreeSet<>();
        push.forEach((name, channel) -> {
            if (channel.ready()) {
                ready.add(name);
            }
        });
        return ready;
    }

    Optional<InvitationChannel> push(String name) {
        return Optional.ofNullable(push.get(name));
    }
}
