package dev.breezeway.principal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Breeze {@code type} of a principal, e.g. {@code user}, {@code group} or a built-in group such
 * as {@code admins}. Built-in groups carry their default display name. {@code api-client} is ours,
 * not Breeze's: the hidden principal behind an API client, which no list or lookup ever shows.
 */
public enum PrincipalType {
    USER("user", false, false, ""),
    GUEST("guest", false, false, ""),
    EXTERNAL_USER("external-user", false, false, ""),
    GROUP("group", true, false, ""),
    EXTERNAL_GROUP("external-group", true, false, ""),
    ADMINS("admins", true, true, "Administrators"),
    AUTHORS("authors", true, true, "Authors"),
    COURSE_ADMINS("course-admins", true, true, "Training Managers"),
    EVENT_ADMINS("event-admins", true, true, "Event Managers"),
    LEARNERS("learners", true, true, "Learners"),
    LIVE_ADMINS("live-admins", true, true, "Meeting Hosts"),
    SEMINAR_ADMINS("seminar-admins", true, true, "Seminar Hosts"),
    EVERYONE("everyone", true, true, "Everyone"),
    API_CLIENT("api-client", false, false, "");

    private final String wire;
    private final boolean group;
    private final boolean builtIn;
    private final String defaultName;

    PrincipalType(String wire, boolean group, boolean builtIn, String defaultName) {
        this.wire = wire;
        this.group = group;
        this.builtIn = builtIn;
        this.defaultName = defaultName;
    }

    public String wire() {
        return wire;
    }

    /** True for every kind of group: the Breeze {@code has-children}. */
    public boolean isGroup() {
        return group;
    }

    /** True for the groups every account is created with ({@code is-primary="true"}). */
    public boolean isBuiltIn() {
        return builtIn;
    }

    /** True for the types of people who log in (users and guests), not groups or API clients. */
    public boolean isPerson() {
        return this == USER || this == GUEST || this == EXTERNAL_USER;
    }

    public String defaultName() {
        return defaultName;
    }

    public static Optional<PrincipalType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    public static PrincipalType[] builtInGroups() {
        return Arrays.stream(values()).filter(PrincipalType::isBuiltIn).toArray(PrincipalType[]::new);
    }
}
