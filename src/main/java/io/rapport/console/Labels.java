package io.rapport.console;

import java.util.Locale;

import io.rapport.collect.SourceType;
import io.rapport.commerce.OrderStatus;
import io.rapport.customer.Channel;
import io.rapport.customer.Identifier;
import io.rapport.platform.Role;
import io.rapport.privacy.Purpose;

/** The words a CX person reads for Rapport's enums. */
final class Labels {

    private Labels() {
    }

    static String of(SourceType type) {
        return switch (type) {
            case WEB -> "Web";
            case IOS -> "iOS app";
            case ANDROID -> "Android app";
            case SERVER -> "Server";
            case STORE -> "Physical store";
            case PHONE -> "Phone";
            case CHAT -> "Chat";
            case EMAIL -> "Email";
            case SOCIAL -> "Social";
            case IMPORT -> "Import";
        };
    }

    static String of(OrderStatus status) {
        return switch (status) {
            case PENDING -> "Pending";
            case COMPLETED -> "Completed";
            case PARTIALLY_REFUNDED -> "Partly refunded";
            case REFUNDED -> "Refunded";
            case CANCELLED -> "Cancelled";
        };
    }

    static String identifier(Identifier.Type type) {
        return switch (type) {
            case USER_ID -> "User id";
            case ANONYMOUS_ID -> "Anonymous id";
            case EMAIL -> "Email";
            case PHONE -> "Phone";
            case EXTERNAL -> "External id";
        };
    }

    static String purpose(Purpose purpose) {
        return switch (purpose) {
            case ANALYTICS -> "Analytics";
            case PERSONALIZATION -> "Personalization";
            case MARKETING_EMAIL -> "Marketing email";
            case MARKETING_SMS -> "Marketing SMS";
            case MARKETING_PUSH -> "Marketing push";
            case SURVEYS -> "Surveys";
        };
    }

    static String channel(Channel channel) {
        return switch (channel) {
            case WEB -> "Web";
            case APP -> "Mobile app";
            case STORE -> "Physical store";
            case PHONE -> "Phone";
            case CHAT -> "Chat";
            case EMAIL -> "Email";
            case SOCIAL -> "Social";
            case OTHER -> "Other";
        };
    }

    static String of(Role role) {
        return switch (role) {
            case ADMIN -> "Admin";
            case ANALYST -> "Analyst";
            case AGENT -> "Support agent";
            case MARKETER -> "Marketer";
        };
    }

    /** What a role may do, in one line for the forms that hand out roles. */
    static String describe(Role role) {
        return switch (role) {
            case ADMIN -> "everything, including users, API keys and sources";
            case ANALYST -> "reads every dashboard and the event log";
            case AGENT -> "works the help desk";
            case MARKETER -> "segments, offers, journeys and loyalty";
        };
    }

    /** A choice in a select: the submitted value and what the person reads. */
    /** A language by its code, in English ({@code pt} → Portuguese). */
    static String language(String code) {
        return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    }

    record Option(String value, String label) {
    }
}
