package dev.pulse.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column of a contract file.
 *
 * @param minimum     smallest allowed value (numbers), or null
 * @param maximum     largest allowed value (numbers), or null
 * @param defaultText value used when the field is empty (as it would be written in the file), or null
 * @param allowed     the allowed values of an {@link ColumnType#ENUM}, lower case
 */
public record ColumnSpec(String name, ColumnType type, boolean required, Double minimum, Double maximum,
                         String defaultText, List<String> allowed) {
    public ColumnSpec {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        allowed = List.copyOf(allowed);
    }

    public static ColumnSpec required(String name, ColumnType type) {
        return new ColumnSpec(name, type, true, null, null, null, List.of());
    }

    public static ColumnSpec optional(String name, ColumnType type) {
        return new ColumnSpec(name, type, false, null, null, null, List.of());
    }

    public ColumnSpec min(double value) {
        return new ColumnSpec(name, type, required, value, maximum, defaultText, allowed);
    }

    public ColumnSpec max(double value) {
        return new ColumnSpec(name, type, required, minimum, value, defaultText, allowed);
    }

    public ColumnSpec withDefault(String text) {
        return new ColumnSpec(name, type, required, minimum, maximum, text, allowed);
    }

    public ColumnSpec oneOf(String... values) {
        return new ColumnSpec(name, type, required, minimum, maximum, defaultText, List.of(values));
    }
}
