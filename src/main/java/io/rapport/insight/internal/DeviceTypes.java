package io.rapport.insight.internal;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * The coarse device type of a message: mobile, tablet, desktop or other. {@code context.device.type} decides when
 * it names one (Segment's mobile libraries send ios or android there); else the operating system
 * ({@code context.os.name}), else the user agent, by the tokens browsers put in it ("iPad", "Mobi", "Windows" …).
 */
final class DeviceTypes {

    static final String MOBILE = "mobile";
    static final String TABLET = "tablet";
    static final String DESKTOP = "desktop";
    static final String OTHER = "other";

    private DeviceTypes() {
    }

    static String of(JsonNode context) {
        String type = fromDeviceType(lower(context.path("device").path("type")));
        if (type.equals(OTHER)) {
            type = fromOperatingSystem(lower(context.path("os").path("name")));
        }
        return type.equals(OTHER) ? fromUserAgent(context.path("userAgent").asString("")) : type;
    }

    private static String fromDeviceType(String type) {
        return switch (type) {
            case "mobile", "phone", "smartphone", "ios", "android" -> MOBILE;
            case "tablet", "ipad" -> TABLET;
            case "desktop", "computer", "pc", "laptop" -> DESKTOP;
            default -> OTHER;
        };
    }

    private static String fromOperatingSystem(String os) {
        if (os.contains("ipados")) {
            return TABLET;
        }
        if (os.contains("ios") || os.contains("iphone") || os.contains("android")) {
            return MOBILE;
        }
        if (os.contains("windows") || os.contains("mac") || os.contains("linux") || os.contains("chrome os")) {
            return DESKTOP;
        }
        return OTHER;
    }

    /** Per the browsers' own advice, "Mobi" marks a phone; an Android without it is a tablet. */
    private static String fromUserAgent(String agent) {
        if (agent.contains("iPad") || agent.contains("Tablet") || agent.contains("Android") && !agent.contains("Mobi")) {
            return TABLET;
        }
        if (agent.contains("Mobi") || agent.contains("iPhone")) {
            return MOBILE;
        }
        if (agent.contains("Windows") || agent.contains("Macintosh") || agent.contains("X11") || agent.contains("CrOS")) {
            return DESKTOP;
        }
        return OTHER;
    }

    private static String lower(JsonNode node) {
        return node.isString() ? node.stringValue().strip().toLowerCase(Locale.ROOT) : "";
    }
}
