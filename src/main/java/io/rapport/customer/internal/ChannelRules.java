package io.rapport.customer.internal;

import io.rapport.collect.SourceType;
import io.rapport.collect.TrackedEvent;
import io.rapport.customer.Channel;
import tools.jackson.databind.JsonNode;

/**
 * The channel of one event. A source of a touchpoint kind (web, app, store, phone, chat, email, social) decides;
 * for server and import sources the message's context does: an explicit {@code context.channel}, else an app
 * context or mobile library means the app, a page or user agent means the web, and anything else is other.
 */
final class ChannelRules {

    private ChannelRules() {
    }

    static Channel of(SourceType source, TrackedEvent event) {
        return switch (source) {
            case WEB -> Channel.WEB;
            case IOS, ANDROID -> Channel.APP;
            case STORE -> Channel.STORE;
            case PHONE -> Channel.PHONE;
            case CHAT -> Channel.CHAT;
            case EMAIL -> Channel.EMAIL;
            case SOCIAL -> Channel.SOCIAL;
            case SERVER, IMPORT -> fromContext(event);
        };
    }

    private static Channel fromContext(TrackedEvent event) {
        String json = event.json();
        // Most server messages carry no hint at all: look before parsing.
        if (!json.contains("\"channel\"") && !json.contains("\"app\"") && !json.contains("\"page\"")
                && !json.contains("\"userAgent\"") && !json.contains("\"library\"")) {
            return Channel.OTHER;
        }
        JsonNode context = event.payload().path("context");
        if (context.path("channel").isString()) {
            var named = Channel.named(context.path("channel").stringValue());
            if (named.isPresent() && named.get() != Channel.OTHER) {
                return named.get();
            }
        }
        String library = context.path("library").path("name").asString("");
        if (context.path("app").isObject() || library.contains("ios") || library.contains("android")
                || library.contains("react-native") || library.contains("flutter")) {
            return Channel.APP;
        }
        if (context.path("page").isObject() || context.path("userAgent").isString()) {
            return Channel.WEB;
        }
        return Channel.OTHER;
    }
}
