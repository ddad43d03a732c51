package dev.pulse.config;

import java.util.List;

/** pulse.yaml could not be used; every problem is listed, each naming its key. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(String file, List<String> problems) {
        super(file + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
