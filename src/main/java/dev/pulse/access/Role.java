package dev.pulse.access;

import java.util.Locale;
import java.util.Optional;

/** What a user may do (issue 13): each role's reach is decided where data is read, through its {@code Scope}. */
public enum Role {
    /** Users, tokens, configuration and imports, and everything an analyst may. */
    ADMIN,
    /** All data, read, and reports. */
    ANALYST,
    /** The dashboard and reports, no row-level data. */
    VIEWER,
    /** Bound to one partner account: only the data of that partner and its customers. */
    PARTNER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
