package io.rapport.customer;

import java.util.Locale;
import java.util.Optional;

/** Where a touchpoint happened. Derived for every event by the rules in docs/customers.md. */
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
}
