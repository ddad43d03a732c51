package dev.pulse.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Makes the commands, handing the program's one clock to each command that takes it in its
 * constructor: nothing in Pulse reads the system time but through this clock, so a test fixes it
 * and its results do not depend on the day it runs.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final Clock clock;

    CommandFactory(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Clock.class) {
                return type.cast(constructor.newInstance(clock));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
