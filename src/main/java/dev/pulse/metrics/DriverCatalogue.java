package dev.pulse.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pulse.config.DriverDeclaration;
import dev.pulse.config.PulseConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiences key-driver analysis relates to an outcome, declared as data: the shipped
 * drivers.yaml (read like the metric catalogue; see it for what each field means), and a user's
 * own in the {@code drivers:} section of pulse.yaml, which add to them or replace one of the same name.
 */
public final class DriverCatalogue {
    private final List<DriverDeclaration> drivers;

    private DriverCatalogue(List<DriverDeclaration> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    public List<DriverDeclaration> drivers() {
        return drivers;
    }

    public static DriverCatalogue standard() {
        try (InputStream in = DriverCatalogue.class.getResourceAsStream("drivers.yaml")) {
            List<String> problems = new ArrayList<>();
            List<DriverDeclaration> drivers = DriverDeclaration.parseAll(new ObjectMapper(new YAMLFactory()).readTree(in).get("drivers"),
                    "drivers", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the shipped drivers.yaml is invalid: " + problems);
            }
            return new DriverCatalogue(drivers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One driver alone (to find which of a user's drivers fails). */
    static DriverCatalogue only(DriverDeclaration driver) {
        return new DriverCatalogue(List.of(driver));
    }

    /** The shipped drivers with the configuration's own: a driver of the same name replaces the shipped one, in its place. */
    public static DriverCatalogue of(PulseConfig config) {
        Map<String, DriverDeclaration> byName = new LinkedHashMap<>();
        standard().drivers().forEach(d -> byName.put(d.name(), d));
        config.drivers().forEach(d -> byName.put(d.name(), d));
        return new DriverCatalogue(new ArrayList<>(byName.values()));
    }
}
