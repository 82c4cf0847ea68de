package io.rapport.platform;

/** What a console user or an API key may do. */
public enum Role {
    /** Everything, including users, API keys and sources. */
    ADMIN,
    /** Reads every dashboard and the event log. */
    ANALYST,
    /** Works the help desk. */
    AGENT,
    /** Segments, offers, journeys and the loyalty programme. */
    MARKETER;

    /** The Spring Security authority name of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
