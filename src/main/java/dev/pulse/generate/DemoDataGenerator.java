package dev.pulse.generate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * A deterministic, realistic CX data set of a telecom/B2B provider in the data contract's layout:
 * customers in segments (many sold through channel partners in tiers), six quarters of tickets
 * with daily and weekly rhythm, contact-centre interactions, surveys whose scores move with the
 * service each customer got, and English and Spanish comments. Service quality improves over the
 * period, so the metrics have a story to tell.
 */
public final class DemoDataGenerator {
    static final String[] PRODUCTS = {"Microsoft Teams Phone", "Horizon Cloud", "Horizon Contact", "Webex for WOM", "SIP Trunking",
            "Connectivity"};
    static final double[] PRODUCT_WEIGHTS = {22, 20, 14, 12, 16, 16};
    static final String[] CHANNELS = {"phone", "portal", "email", "chat", "self_service"};
    static final double[] CHANNEL_WEIGHTS = {28.5, 35.2, 18.5, 8.2, 52};
    static final String[] CATEGORIES = {"Technical - Voice Quality", "Technical - Configuration", "Provisioning", "Billing/Account",
            "Feature Requests", "Number Porting", "Training/How-To", "Other"};
    static final double[] CATEGORY_WEIGHTS = {22, 18, 15, 14, 10, 9, 8, 4};
    static final String[] JOURNEYS = {"onboarding", "product_training", "technical_support", "account_changes", "billing_query",
            "renewal"};
    static final String[] PRIORITIES = {"P1", "P2", "P3", "P4"};
    static final double[] PRIORITY_WEIGHTS = {5, 15, 50, 30};
    static final String[] SEGMENTS = {"Enterprise", "Mid-Market", "SMB", "Public Sector"};
    static final double[] SEGMENT_WEIGHTS = {10, 25, 55, 10};
    static final String[] TIERS = {"Platinum", "Gold", "Silver", "Registered"};
    static final double[] TIER_WEIGHTS = {5, 15, 30, 50};
    static final String[] REGIONS = {"Metropolitana", "Valparaíso", "Biobío", "Antofagasta", "Araucanía", "Los Lagos"};
    static final double[] REGION_WEIGHTS = {55, 12, 11, 8, 7, 7};
    static final String[] FEATURES = {"Desktop App", "Mobile App", "Admin Portal", "Reporting", "Integrations", "Call Recording"};
    static final double[] FEATURE_SATISFACTION = {0.80, 0.70, 0.62, 0.52, 0.75, 0.85};
    /** How strongly each feature's satisfaction moves with the account's overall loyalty (derived importance). */
    static final double[] FEATURE_IMPORTANCE = {0.45, 0.55, 0.75, 0.60, 0.25, 0.15};
    /** Percent of accounts using each feature at the start and the end of the period. */
    static final double[][] FEATURE_USAGE = {{82, 86}, {50, 63}, {93, 95}, {40, 49}, {26, 36}, {44, 45}};
    static final String[] FIRST_NAMES = {"Camila", "Diego", "Valentina", "Matías", "Sofía", "Benjamín", "Laura", "James", "Emily",
            "Tomás"};
    static final String[] COMPANY_WORDS = {"Andes", "Pacífico", "Austral", "Cordillera", "Atacama", "Maipo", "Norte", "Sur", "Lago",
            "Volcán", "Bahía", "Cobre"};
    static final String[] COMPANY_KINDS = {"Logística", "Retail", "Salud", "Minería", "Servicios", "Tech", "Consulting", "Foods"};

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final GeneratorOptions options;

    public DemoDataGenerator(GeneratorOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    /** Counts of what was written, per file. */
    public record Summary(long accounts, long tickets, long interactions, long surveys, long activity, long reviews, long costs,
                          long opsMetrics) {
    }

    private record Account(String id, boolean partner, int segmentOrTier, String partnerId, LocalDate started, LocalDate ended,
                           double loyalty) {
    }

    public Summary generate(Path folder) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(options.seed());
        ZoneId zone = ZoneId.of("America/Santiago");
        LocalDate first = options.firstDay();
        LocalDate last = options.lastDay();
        long days = ChronoUnit.DAYS.between(first, last) + 1;

        List<Account> partners = new ArrayList<>();
        List<Account> customers = new ArrayList<>();
        int partnerCount = Math.max(8, (int) Math.round(250 * Math.sqrt(options.scale())));
        int customerCount = Math.max(40, (int) Math.round(10000 * options.scale()));
        try (CSVPrinter out = printer(folder.resolve("accounts.csv"), "account_id", "name", "type", "segment", "tier", "partner_id",
                "region", "started_at", "ended_at", "owner")) {
            for (int i = 1; i <= partnerCount; i++) {
                int tier = pick(random, TIER_WEIGHTS);
                Account partner = new Account(String.format("P%04d", i), true, tier, null, startDate(random, first), null,
                        0.65 + 0.08 * (3 - tier) + random.nextGaussian() * 0.08);
                partners.add(partner);
                out.printRecord(partner.id(), companyName(random) + " Partners", "partner", null, TIERS[tier], null,
                        REGIONS[pick(random, REGION_WEIGHTS)], partner.started(), null, owner(random));
            }
            for (int i = 1; i <= customerCount; i++) {
                int segment = pick(random, SEGMENT_WEIGHTS);
                String partnerId = random.nextDouble() < 0.6 ? partners.get(random.nextInt(partners.size())).id() : null;
                LocalDate started = startDate(random, first);
                LocalDate ended = null;
                if (random.nextDouble() < 0.14) {
                    LocalDate from = started == null || started.isBefore(first) ? first : started;
                    long span = ChronoUnit.DAYS.between(from, last);
                    if (span > 30) {
                        ended = from.plusDays(30 + random.nextLong(span - 29));
                    }
                }
                double loyalty = 0.62 + new double[] {0.07, 0.05, 0.0, 0.09}[segment] + random.nextGaussian() * 0.1;
                Account customer = new Account(String.format("C%06d", i), false, segment, partnerId, started, ended, loyalty);
                customers.add(customer);
                out.printRecord(customer.id(), companyName(random) + " " + COMPANY_KINDS[random.nextInt(COMPANY_KINDS.length)],
                        "customer", SEGMENTS[segment], null, partnerId, REGIONS[pick(random, REGION_WEIGHTS)], started, ended,
                        owner(random));
            }
            for (int i = 0; i < options.badRows(); i += 4) {
                out.printRecord("C" + (900000 + i), "Broken Row Ltd", "reseller", "SMB", null, null, "Metropolitana", null, null, null);
            }
        }

        writeContacts(folder, partners, customers);

        long ticketTarget = Math.max(100, Math.round(200_000 * options.scale() * days / 549.0));
        int agents = Math.max(10, (int) Math.round(140 * Math.sqrt(options.scale())));
        long tickets = 0;
        long interactions = 0;
        long surveys = 0;
        long reviews = 0;
        double[] dayWeights = new double[(int) days];
        double weightSum = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            double weekday = day.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.35 : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.2 : 1.0;
            double growth = 0.85 + 0.3 * d / days;
            dayWeights[d] = weekday * growth * (1 + 0.1 * Math.sin(d / 9.0));
            weightSum += dayWeights[d];
        }
        long[] monthTickets = new long[(int) ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1)) + 1];
        try (CSVPrinter ticketOut = printer(folder.resolve("tickets.csv"), "ticket_id", "account_id", "created_at", "channel",
                "priority", "category", "product", "journey", "first_response_at", "resolved_at", "contacts", "reopens", "escalated",
                "agent_id", "handle_seconds", "response_due_at", "resolution_due_at", "contact_id");
             CSVPrinter interactionOut = printer(folder.resolve("interactions.csv"), "interaction_id", "ticket_id", "channel", "queue",
                     "offered_at", "answered_at", "ended_at", "abandoned", "talk_seconds", "hold_seconds", "wrap_seconds", "agent_id");
             CSVPrinter surveyOut = printer(folder.resolve("surveys.csv"), "response_id", "account_id", "contact_email", "kind",
                     "program", "ticket_id", "touchpoint", "product", "responded_at", "score", "comment");
             CSVPrinter reviewOut = printer(folder.resolve("qa_reviews.csv"), "review_id", "ticket_id", "agent_id", "reviewed_at",
                     "score")) {
            // the day of each account's latest P1 and escalated ticket before today (planted driver effects)
            Map<String, Integer> lastP1 = new HashMap<>();
            Map<String, Integer> lastEscalation = new HashMap<>();
            double p1Effect = options.planted().getOrDefault("p1_incident", 0.0) / 10;
            double escalationEffect = options.planted().getOrDefault("escalated", 0.0) / 10;
            double[] planted = new double[3]; // customer answers so far, of them with a P1 incident, with an escalation
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                double quality = (double) d / days; // service improves over the period
                List<String> p1Today = new ArrayList<>();
                List<String> escalatedToday = new ArrayList<>();
                long count = Math.round(ticketTarget * dayWeights[d] / weightSum);
                monthTickets[(int) ChronoUnit.MONTHS.between(first.withDayOfMonth(1), day.withDayOfMonth(1))] += count;
                for (long k = 0; k < count; k++) {
                    tickets++;
                    boolean partnerTicket = random.nextDouble() < 0.3;
                    Account account = partnerTicket ? partners.get(random.nextInt(partners.size()))
                            : customers.get(random.nextInt(customers.size()));
                    ZonedDateTime created = ZonedDateTime.of(day, businessTime(random), zone);
                    int priority = pick(random, PRIORITY_WEIGHTS);
                    int channel = pick(random, CHANNEL_WEIGHTS);
                    int category = pick(random, CATEGORY_WEIGHTS);
                    String journey = journeyFor(random, category);
                    String product = PRODUCTS[pick(random, PRODUCT_WEIGHTS)];
                    double speed = 1.25 - 0.35 * quality;
                    double frtMedian = new double[] {8, 30, 65, 240}[priority] * speed;
                    ZonedDateTime responded = random.nextDouble() < 0.02 + (d > days - 5 ? 0.2 : 0) ? null
                            : created.plusSeconds(Math.max(30, (long) (60 * lognormal(random, frtMedian, 0.7))));
                    double resolutionMedian = new double[] {2.0, 5.0, 13, 40}[priority] * speed;
                    ZonedDateTime resolved = responded == null || random.nextDouble() < 0.03 + (d > days - 10 ? 0.25 : 0) ? null
                            : responded.plusSeconds((long) (3600 * lognormal(random, resolutionMedian, 0.6)));
                    boolean firstContact = random.nextDouble() < 0.62 + 0.14 * quality - (category == 4 ? 0.12 : 0)
                            + (category == 6 ? 0.12 : 0);
                    int contacts = firstContact ? 1 : 2 + random.nextInt(3);
                    int reopens = random.nextDouble() < (firstContact ? 0.01 : 0.12) ? 1 : 0;
                    boolean escalated = random.nextDouble() < 0.10 - 0.03 * quality + (priority == 0 ? 0.1 : 0);
                    if (priority == 0) {
                        p1Today.add(account.id());
                    }
                    if (escalated) {
                        escalatedToday.add(account.id());
                    }
                    String agent = String.format("A%03d", 1 + random.nextInt(agents));
                    long handle = (long) lognormal(random, 900, 0.5) * contacts;
                    String ticketId = String.format("T%08d", tickets);
                    ticketOut.printRecord(ticketId, account.id(), created.format(TIMESTAMP), CHANNELS[channel], PRIORITIES[priority],
                            CATEGORIES[category], product, journey, format(responded), format(resolved), contacts, reopens, escalated,
                            agent, handle, null, null, ticketContact(account, tickets));

                    double experience = account.loyalty() + 0.15 * quality
                            - (responded == null ? 0.3 : Math.min(0.25, 0.05 * Duration.between(created, responded).toMinutes() / frtMedian))
                            - (resolved == null ? 0.15 : 0) - (firstContact ? 0 : 0.12) - (escalated ? 0.08 : 0);
                    if (channel == 0 || channel == 3) {
                        for (int c = 0; c < contacts; c++) {
                            interactions++;
                            ZonedDateTime offered = c == 0 ? created : created.plusHours(2L + random.nextInt(40));
                            boolean abandoned = random.nextDouble() < 0.07 - 0.03 * quality;
                            long wait = (long) lognormal(random, 8 + 7 * (1 - quality), 0.8);
                            long talk = (long) lognormal(random, channel == 0 ? 330 : 520, 0.5);
                            long hold = random.nextDouble() < 0.3 ? (long) lognormal(random, 45, 0.6) : 0;
                            long wrap = (long) lognormal(random, 60, 0.4);
                            ZonedDateTime answered = abandoned ? null : offered.plusSeconds(wait);
                            ZonedDateTime ended = abandoned ? offered.plusSeconds(Math.max(2, wait / 2))
                                    : answered.plusSeconds(talk + hold);
                            interactionOut.printRecord(String.format("I%09d", interactions), ticketId,
                                    channel == 0 ? "phone" : "chat", queueFor(category), offered.format(TIMESTAMP), format(answered),
                                    ended.format(TIMESTAMP), abandoned, abandoned ? null : talk, abandoned ? null : hold,
                                    abandoned ? null : wrap, abandoned ? null : agent);
                        }
                    }
                    if (resolved != null && random.nextDouble() < 0.22) {
                        surveys++;
                        int score = clamp((int) Math.round(1 + 4 * (experience + 0.12 + random.nextGaussian() * 0.18)), 1, 5);
                        surveyOut.printRecord(String.format("R%09d", surveys), account.id(), email(random, account),
                                "csat", "transactional", ticketId, journey, product, format(resolved.plusHours(1 + random.nextInt(30))),
                                score, Comments.comment(random, experience, random.nextDouble() < 0.62, account.partner(), quality));
                    }
                    if (resolved != null && random.nextDouble() < 0.08) {
                        surveys++;
                        int score = clamp((int) Math.round(1 + 6 * (experience + 0.05 + random.nextGaussian() * 0.15)), 1, 7); // higher = easier
                        surveyOut.printRecord(String.format("R%09d", surveys), account.id(), email(random, account),
                                "ces", "transactional", ticketId, journey, product, format(resolved.plusHours(1 + random.nextInt(30))),
                                score, null);
                    }
                    if (random.nextDouble() < 0.02) {
                        reviews++;
                        double qa = Math.max(0, Math.min(100, 78 + 10 * quality + random.nextGaussian() * 8));
                        reviewOut.printRecord(String.format("Q%08d", reviews), ticketId, agent,
                                created.plusDays(2).format(TIMESTAMP), Math.round(qa * 10) / 10.0);
                    }
                }
                // Relationship NPS: a share of the accounts answer on each day of the programme.
                int npsToday = (int) Math.round((customers.size() + partners.size()) * 1.6 / days * (0.6 + random.nextDouble() * 0.8));
                for (int k = 0; k < npsToday; k++) {
                    boolean partner = random.nextDouble() < 0.12;
                    Account account = partner ? partners.get(random.nextInt(partners.size())) : customers.get(random.nextInt(customers.size()));
                    if (account.ended() != null && account.ended().isBefore(day)) {
                        continue;
                    }
                    double likelihood = account.loyalty() + 0.03 + 0.1 * quality + random.nextGaussian() * 0.2;
                    if (!partner) {
                        // Planted driver effects, centred on the share of answers so far that had the experience, so
                        // that they move who scores low, not the customers' NPS as a whole. Not for partners: with
                        // tickets nearly every week, almost all of them have had both, which would only lower their level.
                        boolean hadP1 = within(lastP1.get(account.id()), d, 89);
                        boolean hadEscalation = within(lastEscalation.get(account.id()), d, 89);
                        likelihood += p1Effect * ((hadP1 ? 1 : 0) - planted[1] / Math.max(1, planted[0]))
                                + escalationEffect * ((hadEscalation ? 1 : 0) - planted[2] / Math.max(1, planted[0]));
                        planted[0]++;
                        planted[1] += hadP1 ? 1 : 0;
                        planted[2] += hadEscalation ? 1 : 0;
                    }
                    int score = clamp((int) Math.round(10 * likelihood + 1.2), 0, 10);
                    surveys++;
                    ZonedDateTime when = ZonedDateTime.of(day, businessTime(random), zone);
                    surveyOut.printRecord(String.format("R%09d", surveys), account.id(), email(random, account), "nps", "relationship",
                            null, null, PRODUCTS[pick(random, PRODUCT_WEIGHTS)], when.format(TIMESTAMP),
                            score, Comments.comment(random, likelihood, random.nextDouble() < 0.62, partner, quality));
                    if (partner && random.nextDouble() < 0.45) {
                        // The partner portal's own NPS question: below the relationship score, improving with the portal work.
                        double portal = likelihood - 0.12 + 0.08 * quality + random.nextGaussian() * 0.1;
                        surveys++;
                        surveyOut.printRecord(String.format("R%09d", surveys), account.id(), email(random, account), "nps", "portal",
                                null, "partner_portal", null, when.plusMinutes(1).format(TIMESTAMP),
                                clamp((int) Math.round(10 * portal + 1.2), 0, 10), null);
                    }
                    if (random.nextDouble() < 0.5) {
                        int feature = random.nextInt(FEATURES.length);
                        double satisfaction = FEATURE_SATISFACTION[feature] + 0.1 * quality
                                + FEATURE_IMPORTANCE[feature] * (likelihood - 0.8) + random.nextGaussian() * 0.12;
                        surveys++;
                        surveyOut.printRecord(String.format("R%09d", surveys), account.id(), email(random, account), "csat", "feature",
                                null, FEATURES[feature], null, when.plusMinutes(2).format(TIMESTAMP),
                                clamp((int) Math.round(1 + 4 * satisfaction), 1, 5), null);
                    }
                }
                for (String id : p1Today) {
                    lastP1.put(id, d);
                }
                for (String id : escalatedToday) {
                    lastEscalation.put(id, d);
                }
            }
            for (int i = 0; i < options.badRows(); i++) {
                badRow(i, ticketOut, surveyOut, first, zone);
            }
        }

        long activity = 0;
        try (CSVPrinter out = printer(folder.resolve("agent_activity.csv"), "agent_id", "date", "team", "staffed_seconds",
                "handling_seconds")) {
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                for (int a = 1; a <= agents; a++) {
                    if (random.nextDouble() < (day.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.7 : 0.08)) {
                        continue;
                    }
                    long staffed = 8 * 3600 - random.nextInt(3600);
                    long handling = (long) (staffed * Math.min(0.95, 0.68 + 0.1 * d / days + random.nextGaussian() * 0.05));
                    out.printRecord(String.format("A%03d", a), day, new String[] {"Tier 1", "Tier 2", "Billing", "Partner Desk"}[a % 4],
                            staffed, handling);
                    activity++;
                }
            }
        }

        long costs = 0;
        try (CSVPrinter out = printer(folder.resolve("costs.csv"), "month", "amount", "currency")) {
            for (int m = 0; m < monthTickets.length; m++) {
                LocalDate month = first.withDayOfMonth(1).plusMonths(m);
                double amount = 25_000 * Math.sqrt(options.scale()) + monthTickets[m] * (19.5 - 3.0 * m / monthTickets.length);
                out.printRecord(month.toString().substring(0, 7), Math.round(amount * 100) / 100.0, "USD");
                costs++;
            }
        }

        long ops = 0;
        try (CSVPrinter out = printer(folder.resolve("ops_metrics.csv"), "date", "metric", "product", "value")) {
            for (int m = 0; m < monthTickets.length; m++) {
                LocalDate month = first.withDayOfMonth(1).plusMonths(m);
                double q = (double) m / Math.max(1, monthTickets.length - 1);
                double[][] series = {
                        {99.90 + 0.07 * q + random.nextGaussian() * 0.01}, {4.15 + 0.2 * q + random.nextGaussian() * 0.03},
                        {96.5 + 2 * q + random.nextGaussian() * 0.3}, {6.5 - 2.3 * q + random.nextGaussian() * 0.2},
                        {640 + 230 * q + random.nextGaussian() * 10}, {70 + 13 * q + random.nextGaussian()},
                        {6.5 - 2.3 * q + random.nextGaussian() * 0.15}, {130 + 70 * q + random.nextGaussian() * 4}};
                String[] names = {"platform_uptime_pct", "call_quality_mos", "provisioning_success_pct", "mttr_hours",
                        "portal_monthly_active_partners", "portal_self_service_orders_pct", "portal_provisioning_hours",
                        "api_active_partners"};
                for (int s = 0; s < names.length; s++) {
                    out.printRecord(month, names[s], null, Math.round(series[s][0] * 1000) / 1000.0);
                    ops++;
                }
                for (int f = 0; f < FEATURES.length; f++) {
                    double usage = FEATURE_USAGE[f][0] + (FEATURE_USAGE[f][1] - FEATURE_USAGE[f][0]) * q + random.nextGaussian() * 0.5;
                    out.printRecord(month, "feature_usage_pct", FEATURES[f], Math.round(usage * 10) / 10.0);
                    ops++;
                }
            }
        }
        return new Summary(partnerCount + customerCount + (options.badRows() + 3) / 4, tickets + options.badRows(), interactions,
                surveys + options.badRows(), activity, reviews, costs, ops);
    }

    private static final String[] ROLES = {"business", "operational", "technical"};
    private static final String[] LAST_NAMES = {"González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Silva", "Smith", "Brown", "Reyes"};

    /**
     * contacts.csv (shared/spec/program.md): each account's primary business, operational and technical
     * contacts, some accounts one more (role other); most in Spanish; a few opted out or bounced; and a
     * few later duplicates of a contact's e-mail in other letter case, which the import quarantines. Its
     * own random stream, so that the other files are what they were before contacts existed.
     */
    private void writeContacts(Path folder, List<Account> partners, List<Account> customers) throws IOException {
        SplittableRandom random = new SplittableRandom(options.seed() ^ 0x5eed_c0de_5eedL);
        List<Account> accounts = new ArrayList<>(partners);
        accounts.addAll(customers);
        try (CSVPrinter out = printer(folder.resolve("contacts.csv"), "contact_id", "account_id", "email", "name", "role", "language",
                "opted_out", "bounced")) {
            int duplicates = 0;
            for (Account account : accounts) {
                String domain = account.id().toLowerCase(java.util.Locale.ROOT) + ".example.cl";
                int count = random.nextDouble() < 0.3 ? 4 : 3;
                for (int c = 1; c <= count; c++) {
                    String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
                    String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
                    String email = ascii(first + "." + last + c) + "@" + domain;
                    String language = random.nextDouble() < 0.7 ? "es" : "en";
                    boolean optedOut = random.nextDouble() < 0.03;
                    boolean bounced = !optedOut && random.nextDouble() < 0.02;
                    out.printRecord(contactId(account, c), account.id(), email, first + " " + last, c <= 3 ? ROLES[c - 1] : "other", language,
                            optedOut, bounced);
                    if (duplicates < 5 && random.nextDouble() < 0.002) {
                        duplicates++;
                        out.printRecord(contactId(account, 9), account.id(), email.toUpperCase(java.util.Locale.ROOT), first + " " + last,
                                "business", language, false, false);
                    }
                }
            }
        }
    }

    private static String contactId(Account account, int number) {
        return "K" + account.id() + "-" + number;
    }

    /** Who raised a ticket: one of its account's primary contacts; one ticket in twenty names nobody. */
    private static String ticketContact(Account account, long ticket) {
        return ticket % 20 == 0 ? null : contactId(account, 1 + (int) (ticket % 3));
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Rows that break the contract the way real exports do, so that the quarantine has something to show. */
    private static void badRow(int i, CSVPrinter tickets, CSVPrinter surveys, LocalDate first, ZoneId zone) throws IOException {
        String created = ZonedDateTime.of(first.plusDays(i), LocalTime.of(10, 0), zone).format(TIMESTAMP);
        switch (i % 4) {
            case 0 -> tickets.printRecord("TX" + i, "C999999", created, "phone", "P3", "Other", null, null, null, null, 1, 0,
                    "false", null, null, null, null, null);
            case 1 -> tickets.printRecord("TX" + i, "C000001", created, "email", "P2", "Other", null, null, created,
                    ZonedDateTime.of(first.plusDays(i).minusDays(1), LocalTime.NOON, zone).format(TIMESTAMP), 1, 0, "maybe", null, null,
                    null, null, null);
            case 2 -> surveys.printRecord("RX" + i, "C000001", null, "nps", "relationship", null, null, null, created, 11, null);
            default -> surveys.printRecord("RX" + i, "C000001", null, "csat", "transactional", null, null, null, "yesterday", 4, null);
        }
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator('\n').get());
    }

    private static String format(ZonedDateTime time) {
        return time == null ? null : time.format(TIMESTAMP);
    }

    private static LocalTime businessTime(SplittableRandom random) {
        double hour = random.nextDouble() < 0.88 ? 8.5 + Math.abs(random.nextGaussian()) * 3.2 + random.nextDouble() * 3
                : random.nextDouble() * 24;
        hour = Math.min(hour, 23.99);
        int seconds = (int) (hour * 3600);
        return LocalTime.ofSecondOfDay(seconds);
    }

    private static LocalDate startDate(SplittableRandom random, LocalDate first) {
        if (random.nextDouble() < 0.35) {
            return null;
        }
        return first.minusDays(900).plusDays(random.nextInt(900 + 400));
    }

    private static String journeyFor(SplittableRandom random, int category) {
        return switch (category) {
            case 0, 1 -> random.nextDouble() < 0.85 ? "technical_support" : "onboarding";
            case 2, 5 -> random.nextDouble() < 0.6 ? "onboarding" : "account_changes";
            case 3 -> random.nextDouble() < 0.8 ? "billing_query" : "renewal";
            case 6 -> "product_training";
            default -> JOURNEYS[random.nextInt(JOURNEYS.length)];
        };
    }

    private static String queueFor(int category) {
        return switch (category) {
            case 0, 1 -> "Technical";
            case 2, 5 -> "Provisioning";
            case 3 -> "Billing";
            default -> "General";
        };
    }

    private static String companyName(SplittableRandom random) {
        return COMPANY_WORDS[random.nextInt(COMPANY_WORDS.length)] + " " + COMPANY_WORDS[random.nextInt(COMPANY_WORDS.length)];
    }

    private static String owner(SplittableRandom random) {
        return FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
    }

    private static String email(SplittableRandom random, Account account) {
        return FIRST_NAMES[random.nextInt(FIRST_NAMES.length)].toLowerCase(java.util.Locale.ROOT) + "@" + account.id().toLowerCase(java.util.Locale.ROOT)
                + ".example.cl";
    }

    static int pick(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double lognormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }

    /** Whether an event on day {@code event} (null: never) lies in the {@code days} days before {@code today}. */
    private static boolean within(Integer event, int today, int days) {
        return event != null && event < today && event >= today - days;
    }
}
