package io.rapport.customer;

import java.util.Locale;
import java.util.Optional;

import io.rapport.collect.SourceType;
import io.rapport.collect.TrackedEvent;
import tools.jackson.databind.JsonNode;

/**
 * Where a touchpoint happened. Derived for every event by the rules in docs/customers.md: a source of a touchpoint
 * kind (web, app, store, phone, chat, email, social) decides; for server and import sources the message's context
 * does: an explicit {@code context.channel}, else an app context or mobile library means the app, a page or user
 * agent means the web, and anything else is other.
 */
public enum Channel {
    WEB, APP, STORE, PHONE, CHAT, EMAIL, SOCIAL, OTHER;

    /** A channel named in a message's {@code context.channel}: ours, or Segment's browser/mobile. */
    public static Optional<Channel> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "web", "browser" -> Optional.of(WEB);
            case "app", "mobile" -> Optional.of(APP);
            case "store", "pos" -> Optional.of(STORE);
            case "phone", "call" -> Optional.of(PHONE);
            case "chat" -> Optional.of(CHAT);
            case "email" -> Optional.of(EMAIL);
            case "social" -> Optional.of(SOCIAL);
            default -> Optional.empty();
        };
    }

    /** The channel of one event, sent through a source of this type. */
    public static Channel of(SourceType source, TrackedEvent event) {
        return switch (source) {
            case WEB -> WEB;
            case IOS, ANDROID -> APP;
            case STORE -> STORE;
            case PHONE -> PHONE;
            case CHAT -> CHAT;
            case EMAIL -> EMAIL;
            case SOCIAL -> SOCIAL;
            case SERVER, IMPORT -> fromContext(event);
        };
    }

    private static Channel fromContext(TrackedEvent event) {
        String json = event.json();
        // Most server messages carry no hint at all: look before parsing.
        if (!json.contains("\"channel\"") && !json.contains("\"app\"") && !json.contains("\"page\"")
                && !json.contains("\"userAgent\"") && !json.contains("\"library\"")) {
            return OTHER;
        }
        JsonNode context = event.payload().path("context");
        if (context.path("channel").isString()) {
            var named = named(context.path("channel").stringValue());
            if (named.isPresent() && named.get() != OTHER) {
                return named.get();
            }
        }
        String library = context.path("library").path("name").asString("");
        if (context.path("app").isObject() || library.contains("ios") || library.contains("android")
                || library.contains("react-native") || library.contains("flutter")) {
            return APP;
        }
        if (context.path("page").isObject() || context.path("userAgent").isString()) {
            return WEB;
        }
        return OTHER;
    }
}
