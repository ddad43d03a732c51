package dev.pulse.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The {@code program:} section of pulse.yaml: the survey programme's rules (shared/spec/program.md,
 * whose defaults these are) and how invitations and alerts are delivered.
 *
 * @param programs          programme name to its rule, {@code transactional} or {@code relationship}
 * @param baseUrl           the server's address as respondents reach it (the answer link); null: the server's own
 * @param smtp              the mail server invitations and alerts go through; null: none (invitations go to an outbox)
 * @param webhookUrl        where a new case's alert is posted as signed JSON; null: none
 * @param webhookSecretEnv  the environment variable holding the webhook's HMAC key
 * @param alertEmail        whether a new case's owner is e-mailed (needs smtp and an owner that is an e-mail address)
 */
public record ProgramSettings(int tokenDays, int quietDays, int transactionalWindowDays, List<String> relationshipRoles,
                              int editHours, int detractorMax, int caseDueHours, List<String> rootCauses,
                              Map<String, String> programs, String baseUrl, Smtp smtp, String webhookUrl, String webhookSecretEnv,
                              boolean alertEmail) {
    public static final String TRANSACTIONAL = "transactional";
    public static final String RELATIONSHIP = "relationship";

    public ProgramSettings {
        relationshipRoles = List.copyOf(relationshipRoles);
        rootCauses = List.copyOf(rootCauses);
        programs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(programs));
        requireNonNull(webhookSecretEnv, "webhookSecretEnv is null");
    }

    public static ProgramSettings defaults() {
        Map<String, String> programs = new LinkedHashMap<>();
        programs.put(TRANSACTIONAL, TRANSACTIONAL);
        programs.put(RELATIONSHIP, RELATIONSHIP);
        return new ProgramSettings(14, 30, 7, List.of("business", "operational", "technical"), 24, 6, 48,
                List.of("product_defect", "reliability", "billing", "support_experience", "onboarding", "pricing", "partner",
                        "expectation", "other"), programs, null, null, null, "PULSE_WEBHOOK_SECRET", true);
    }

    /** The rule a programme follows (transactional or relationship), if it is one. */
    public Optional<String> rule(String program) {
        return Optional.ofNullable(programs.get(program));
    }

    /**
     * A mail server. The password is read from the environment variable {@code passwordEnv} (never from
     * pulse.yaml); {@code security} is none, starttls or tls.
     */
    public record Smtp(String host, int port, String from, String username, String passwordEnv, String security) {
        public Smtp {
            requireNonNull(host, "host is null");
            requireNonNull(from, "from is null");
            requireNonNull(security, "security is null");
        }
    }

    /** An address without its trailing slashes (a loop: a pattern like "/+$" backtracks on a long run of slashes before another character). */
    public static String withoutTrailingSlashes(String address) {
        int end = address.length();
        while (end > 0 && address.charAt(end - 1) == '/') {
            end--;
        }
        return address.substring(0, end);
    }
}
