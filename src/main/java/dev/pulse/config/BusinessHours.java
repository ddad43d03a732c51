package dev.pulse.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Business calendars (pulse.yaml {@code calendars:}) and which one each ticket's clock runs on
 * ({@code business_hours:}). A calendar is a time zone, working hours per weekday (one or more
 * ranges a day; a weekday not listed is closed) and holidays (closed all day): a shipped list such as
 * {@code chile} (Chile's public holidays 2024-2026), dates, or both. {@link #ALWAYS} is the calendar
 * that never closes: its business time is calendar time.
 *
 * <pre>
 * calendars:
 *   office:
 *     timezone: America/Santiago
 *     hours: {mon: "09:00-18:00", tue: "09:00-18:00", wed: "09:00-18:00", thu: "09:00-18:00", fri: "09:00-13:00,14:00-17:00"}
 *     holidays: [chile, 2024-12-24]
 * business_hours:
 *   default: office
 *   by_priority: {P1: always}
 *   by_queue: {Enterprise desk: always}
 * </pre>
 * A ticket's calendar is its priority's, else its queue's (tickets.csv {@code queue}, the help desk's
 * group), else the default; priorities and queues are compared case-insensitively.
 */
public record BusinessHours(Map<String, Calendar> calendars, String defaultCalendar, Map<String, String> byPriority,
                            Map<String, String> byQueue) {
    public static final String ALWAYS = "always";
    /** The shipped holiday lists, by the name a calendar's holidays use. */
    public static final Set<String> SHIPPED_HOLIDAYS = Set.of("chile");

    /** One day's opening range, in local time of the calendar's zone; {@code end} 24:00 is written "24:00". */
    public record Range(LocalTime start, LocalTime end, boolean untilMidnight) {
    }

    public record Calendar(String name, ZoneId zone, Map<DayOfWeek, List<Range>> hours, Set<LocalDate> holidays) {
        public Calendar {
            requireNonNull(name, "name is null");
            requireNonNull(zone, "zone is null");
            hours = Map.copyOf(hours);
            holidays = Set.copyOf(holidays);
        }

        /**
         * The opening intervals of the days {@code first} to {@code last} (inclusive, local dates), as instants.
         * A local time a DST change skips is read as the instant after the gap; one it repeats, as the earlier
         * of the two (java.time's rule): a day is as long as it is.
         */
        public List<Instant[]> intervals(LocalDate first, LocalDate last) {
            List<Instant[]> intervals = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (holidays.contains(day)) {
                    continue;
                }
                for (Range range : hours.getOrDefault(day.getDayOfWeek(), List.of())) {
                    Instant open = day.atTime(range.start()).atZone(zone).toInstant();
                    Instant close = range.untilMidnight() ? day.plusDays(1).atStartOfDay(zone).toInstant()
                            : day.atTime(range.end()).atZone(zone).toInstant();
                    if (close.isAfter(open)) {
                        intervals.add(new Instant[] {open, close});
                    }
                }
            }
            return intervals;
        }
    }

    public BusinessHours {
        calendars = Map.copyOf(calendars);
        requireNonNull(defaultCalendar, "defaultCalendar is null");
        byPriority = Map.copyOf(byPriority);
        byQueue = Map.copyOf(byQueue);
    }

    /** No calendars: every clock runs all the time, business time is calendar time. */
    public static BusinessHours none() {
        return new BusinessHours(Map.of(), ALWAYS, Map.of(), Map.of());
    }

    public boolean configured() {
        return !calendars.isEmpty();
    }

    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY,
            "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    /** Parses both sections; every problem goes to {@code problems} under its key. */
    static BusinessHours parse(JsonNode calendarsNode, JsonNode assignment, List<String> problems) {
        Map<String, Calendar> calendars = new LinkedHashMap<>();
        if (calendarsNode != null) {
            if (!calendarsNode.isObject()) {
                problems.add("calendars: must map each calendar's name to its timezone, hours and holidays");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = calendarsNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Calendar calendar = calendar("calendars." + entry.getKey(), entry.getKey(), entry.getValue(), problems);
                    if (calendar != null) {
                        calendars.put(entry.getKey(), calendar);
                    }
                }
            }
        }
        String defaultCalendar = ALWAYS;
        Map<String, String> byPriority = new LinkedHashMap<>();
        Map<String, String> byQueue = new LinkedHashMap<>();
        if (assignment != null) {
            if (!assignment.isObject()) {
                problems.add("business_hours: must give default: and, if some priorities differ, by_priority:");
            } else {
                for (Iterator<String> keys = assignment.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!key.equals("default") && !key.equals("by_priority") && !key.equals("by_queue")) {
                        problems.add("business_hours." + key + ": unknown setting (known: by_priority, by_queue, default)");
                    }
                }
                if (assignment.has("default")) {
                    defaultCalendar = known("business_hours.default", assignment.get("default").asText(), calendars, problems);
                }
                assigned(assignment, "by_priority", "priorities", "{P1: always}", calendars, byPriority, problems);
                assigned(assignment, "by_queue", "queues", "{Enterprise desk: always}", calendars, byQueue, problems);
            }
        } else if (!calendars.isEmpty()) {
            problems.add("business_hours: calendars are declared but no ticket uses one (business_hours: {default: "
                    + calendars.keySet().iterator().next() + "})");
        }
        return new BusinessHours(calendars, defaultCalendar, byPriority, byQueue);
    }

    /** by_priority or by_queue: each value (lower-cased) to a known calendar. */
    private static void assigned(JsonNode assignment, String key, String what, String example, Map<String, Calendar> calendars,
                                 Map<String, String> into, List<String> problems) {
        JsonNode node = assignment.get(key);
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            problems.add("business_hours." + key + ": must map " + what + " to calendars, e.g. " + example);
            return;
        }
        node.fields().forEachRemaining(e -> into.put(e.getKey().toLowerCase(Locale.ROOT),
                known("business_hours." + key + "." + e.getKey(), e.getValue().asText(), calendars, problems)));
    }

    private static String known(String key, String name, Map<String, Calendar> calendars, List<String> problems) {
        if (!name.equals(ALWAYS) && !calendars.containsKey(name)) {
            problems.add(key + ": '" + name + "' is not a calendar of calendars: (" + String.join(", ", new TreeSet<>(calendars.keySet()))
                    + (calendars.isEmpty() ? "" : ", ") + "or always)");
        }
        return name;
    }

    private static Calendar calendar(String key, String name, JsonNode node, List<String> problems) {
        if (name.equals(ALWAYS)) {
            problems.add(key + ": 'always' is the calendar that never closes; give yours another name");
            return null;
        }
        if (!node.isObject()) {
            problems.add(key + ": must give timezone, hours and holidays");
            return null;
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!Set.of("timezone", "hours", "holidays").contains(k)) {
                problems.add(key + "." + k + ": unknown setting (known: holidays, hours, timezone)");
            }
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(node.path("timezone").asText(""));
        } catch (DateTimeException e) {
            problems.add(key + ".timezone: '" + node.path("timezone").asText("") + "' is not a time zone (e.g. America/Santiago)");
        }
        Map<DayOfWeek, List<Range>> hours = new EnumMap<>(DayOfWeek.class);
        JsonNode hoursNode = node.get("hours");
        if (hoursNode == null || !hoursNode.isObject() || hoursNode.isEmpty()) {
            problems.add(key + ".hours: must give the open hours of each working day, e.g. {mon: \"09:00-18:00\"}");
        } else {
            hoursNode.fields().forEachRemaining(e -> {
                DayOfWeek day = DAYS.get(e.getKey().toLowerCase(Locale.ROOT));
                if (day == null) {
                    problems.add(key + ".hours." + e.getKey() + ": not a weekday (mon, tue, wed, thu, fri, sat, sun)");
                    return;
                }
                List<Range> ranges = ranges(key + ".hours." + e.getKey(), e.getValue().asText(), problems);
                if (ranges != null) {
                    hours.put(day, ranges);
                }
            });
        }
        Set<LocalDate> holidays = new TreeSet<>();
        JsonNode holidayNode = node.get("holidays");
        if (holidayNode != null) {
            List<JsonNode> items = new ArrayList<>();
            if (holidayNode.isArray()) {
                holidayNode.forEach(items::add);
            } else {
                items.add(holidayNode);
            }
            for (JsonNode item : items) {
                String text = item.asText().trim();
                if (SHIPPED_HOLIDAYS.contains(text.toLowerCase(Locale.ROOT))) {
                    holidays.addAll(shipped(text.toLowerCase(Locale.ROOT)));
                    continue;
                }
                try {
                    holidays.add(LocalDate.parse(text));
                } catch (DateTimeParseException e) {
                    problems.add(key + ".holidays: '" + text + "' is neither a date (YYYY-MM-DD) nor a shipped list (" + String.join(", ", SHIPPED_HOLIDAYS) + ")");
                }
            }
        }
        return zone == null ? null : new Calendar(name, zone, hours, holidays);
    }

    /** "09:00-13:00,14:00-18:00" (24:00 for the end of the day); null and a problem when it is not that. */
    private static List<Range> ranges(String key, String text, List<String> problems) {
        List<Range> ranges = new ArrayList<>();
        LocalTime previousEnd = null;
        for (String part : text.split(",", -1)) {
            String[] ends = part.trim().split("-", -1);
            try {
                if (ends.length != 2) {
                    throw new DateTimeParseException("not a range", part, 0);
                }
                LocalTime start = LocalTime.parse(ends[0].trim());
                boolean midnight = ends[1].trim().equals("24:00");
                LocalTime end = midnight ? LocalTime.MAX : LocalTime.parse(ends[1].trim());
                if (!end.isAfter(start) || (previousEnd != null && start.isBefore(previousEnd))) {
                    problems.add(key + ": '" + part.trim() + "' must end after it starts, and after the day's range before it");
                    return null;
                }
                ranges.add(new Range(start, end, midnight));
                previousEnd = end;
            } catch (DateTimeParseException e) {
                problems.add(key + ": '" + text + "' is not opening hours like \"09:00-18:00\" or \"09:00-13:00,14:00-18:00\"");
                return null;
            }
        }
        return ranges;
    }

    /** A shipped holiday list (resource holidays-NAME.txt: one date a line, # comments). */
    static List<LocalDate> shipped(String name) {
        List<LocalDate> dates = new ArrayList<>();
        try (InputStream in = BusinessHours.class.getResourceAsStream("holidays-" + name + ".txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(requireNonNull(in, name), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String date = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!date.isEmpty()) {
                    dates.add(LocalDate.parse(date.substring(0, 10)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dates;
    }

    /** The calendar a ticket of this priority and queue (either may be null) runs on: its name, or always. */
    public String calendarFor(String priority, String queue) {
        String byItsPriority = priority == null ? null : byPriority.get(priority.toLowerCase(Locale.ROOT));
        if (byItsPriority != null) {
            return byItsPriority;
        }
        String byItsQueue = queue == null ? null : byQueue.get(queue.toLowerCase(Locale.ROOT));
        return byItsQueue != null ? byItsQueue : defaultCalendar;
    }
}
