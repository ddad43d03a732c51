package dev.pulse.ingest;

import dev.pulse.engine.Database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored tables: one per contract file, the quarantine, the first spelling of each category
 * value, and what the voice-of-the-customer analysis read in each comment (dev.pulse.voc.CommentStore).
 */
public final class Schema {
    public static final String QUARANTINE = "quarantine";
    public static final String SPELLINGS = "spellings";
    /**
     * One row per analysed comment: response_id, language (en, es, other), sentiment (-1..1), label,
     * terms (stems), and the digest of the text it was made from (a changed comment is analysed again).
     */
    public static final String COMMENT_ANALYSES = "comment_analysis";
    /** One row per theme a comment mentions: response_id, theme, and the sentiment and label of the clauses mentioning it. */
    public static final String COMMENT_THEMES = "comment_themes";
    /** What the stored analyses were made with (key, value), so that they are redone when it changes. */
    public static final String COMMENT_STATE = "comment_analysis_state";

    /** Facts about the stored data (key, value): {@code import_zone}, the reporting zone of the last import. */
    public static final String SETTINGS = "pulse_settings";

    /** The survey programme (shared/spec/program.md): invitations sent, their cases, and what Pulse recorded about contacts. */
    public static final String INVITATIONS = "invitations";
    public static final String CASES = "cases";
    public static final String CASE_EVENTS = "case_events";
    /** Opt-outs and bounces Pulse recorded itself (contact_id, flag, recorded_at, source): an import never undoes them. */
    public static final String CONTACT_FLAGS = "contact_flags";
    /** A new case's alerts (e-mail, webhook) and every attempt to deliver them. */
    public static final String ALERTS = "alerts";
    public static final String ALERT_ATTEMPTS = "alert_attempts";
    /** The server's users, API tokens and audit log (made by {@code dev.pulse.access.UserStore}). */
    public static final String USERS = "pulse_users";
    public static final String TOKENS = "pulse_tokens";
    public static final String AUDIT = "pulse_audit";

    private Schema() {
    }

    /**
     * Every table Pulse keeps in a database: the contract's, the quarantine, spellings and settings, the
     * comment analyses, the programme's, the users, tokens and audit log (dev.pulse.access.UserStore) and
     * the business-hours intervals (dev.pulse.metrics.BusinessTime). Nothing else of a database is Pulse's.
     */
    public static java.util.Set<String> tables() {
        java.util.Set<String> tables = new java.util.TreeSet<>();
        DataContract.FILES.forEach(file -> tables.add(file.table()));
        tables.addAll(java.util.List.of(QUARANTINE, SPELLINGS, SETTINGS, COMMENT_ANALYSES, COMMENT_THEMES, COMMENT_STATE, INVITATIONS, CASES,
                CASE_EVENTS, CONTACT_FLAGS, ALERTS, ALERT_ATTEMPTS, USERS, TOKENS, AUDIT, "business_hours", Migrations.TABLE));
        return tables;
    }

    /**
     * PostgreSQL: makes every table of Pulse's that the database has raise its change counter
     * ({@link dev.pulse.engine.Changes}): users and tokens that of who may come in, every other table but
     * the audit log (on which no cache depends) that of the data.
     */
    public static void trackChanges(Database database) throws SQLException {
        java.util.Map<String, String> kinds = new java.util.TreeMap<>();
        for (String table : tables()) {
            kinds.put(table, table.equals(USERS) || table.equals(TOKENS) ? dev.pulse.engine.Changes.ACCESS : dev.pulse.engine.Changes.DATA);
        }
        kinds.remove(AUDIT);
        dev.pulse.engine.Changes.track(database, kinds);
    }

    /** A stored fact of {@link #SETTINGS}, or null. */
    public static String setting(Database database, String key) throws SQLException {
        if (!database.tableExists(SETTINGS)) {
            return null;
        }
        var rows = database.query(dev.pulse.engine.Sql.of("SELECT value FROM " + SETTINGS + " WHERE key = ?", key));
        return rows.isEmpty() ? null : (String) rows.get(0).get("value");
    }

    public static void putSetting(Database database, String key, String value) throws SQLException {
        database.execute(dev.pulse.engine.Sql.of("DELETE FROM " + SETTINGS + " WHERE key = ?", key));
        database.execute(dev.pulse.engine.Sql.of("INSERT INTO " + SETTINGS + " VALUES (?, ?)", key, value));
    }

    public static void create(Database database) throws SQLException {
        java.util.Set<String> stored = new java.util.HashSet<>();
        for (var row : database.query(dev.pulse.engine.Sql.of("SELECT lower(table_name) AS t, lower(column_name) AS c"
                + " FROM information_schema.columns WHERE table_schema = current_schema()"))) {
            stored.add(row.get("t") + "." + row.get("c"));
        }
        for (FileSpec file : DataContract.FILES) {
            List<String> columns = new ArrayList<>();
            boolean exists = stored.stream().anyMatch(c -> c.startsWith(file.table() + "."));
            for (ColumnSpec column : file.columns()) {
                String definition = database.dialect().identifier(column.name()) + " " + column.type().sqlType();
                columns.add(definition);
                if (exists && !stored.contains(file.table() + "." + column.name())) {
                    // a database written before the contract gained this optional column (tickets.contact_id)
                    database.execute("ALTER TABLE " + file.table() + " ADD COLUMN " + definition);
                }
            }
            database.execute("CREATE TABLE IF NOT EXISTS " + file.table() + " (" + String.join(", ", columns) + ")");
        }
        database.execute("CREATE TABLE IF NOT EXISTS " + QUARANTINE
                + " (file VARCHAR, line BIGINT, reason VARCHAR, raw VARCHAR)");
        // A category value's display spelling is the first one seen; later spellings map onto it (case-insensitive).
        database.execute("CREATE TABLE IF NOT EXISTS " + SETTINGS + " (key VARCHAR, value VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + SPELLINGS + " (dimension VARCHAR, key VARCHAR, display VARCHAR)");
        createCommentTables(database);
        createProgramTables(database);
    }

    public static void createProgramTables(Database database) throws SQLException {
        database.execute("CREATE TABLE IF NOT EXISTS " + INVITATIONS + " (invitation_id VARCHAR PRIMARY KEY, program VARCHAR, wave VARCHAR,"
                + " contact_id VARCHAR, account_id VARCHAR, ticket_id VARCHAR, email VARCHAR, language VARCHAR, token_hash VARCHAR UNIQUE,"
                + " status VARCHAR, created_at TIMESTAMPTZ, sent_at TIMESTAMPTZ, expires_at TIMESTAMPTZ, delivery VARCHAR, attempts BIGINT,"
                + " last_error VARCHAR, response_id VARCHAR, answered_at TIMESTAMPTZ, last_answered_at TIMESTAMPTZ)");
        database.execute("CREATE TABLE IF NOT EXISTS " + CASES + " (case_id VARCHAR PRIMARY KEY, seq BIGINT, response_id VARCHAR UNIQUE,"
                + " invitation_id VARCHAR, contact_id VARCHAR, account_id VARCHAR, owner VARCHAR, status VARCHAR, score BIGINT,"
                + " opened_at TIMESTAMPTZ, due_at TIMESTAMPTZ, first_contacted_at TIMESTAMPTZ, closed_at TIMESTAMPTZ, root_cause VARCHAR,"
                + " program VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + CASE_EVENTS + " (case_id VARCHAR, happened_at TIMESTAMPTZ, actor VARCHAR, from_status VARCHAR,"
                + " to_status VARCHAR, root_cause VARCHAR, note VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + CONTACT_FLAGS + " (contact_id VARCHAR, flag VARCHAR, recorded_at TIMESTAMPTZ,"
                + " source VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + ALERTS + " (alert_id VARCHAR PRIMARY KEY, case_id VARCHAR, channel VARCHAR,"
                + " target VARCHAR, payload VARCHAR, created_at TIMESTAMPTZ, delivered_at TIMESTAMPTZ, attempts BIGINT,"
                + " next_attempt_at TIMESTAMPTZ, last_error VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + ALERT_ATTEMPTS + " (alert_id VARCHAR, attempted_at TIMESTAMPTZ, outcome VARCHAR,"
                + " detail VARCHAR)");
    }

    /** The comment analyses are derived data: dropped when the analyser that wrote them is replaced. */
    public static void dropCommentTables(Database database) throws SQLException {
        database.execute("DROP TABLE IF EXISTS " + COMMENT_ANALYSES);
        database.execute("DROP TABLE IF EXISTS " + COMMENT_THEMES);
    }

    public static void createCommentTables(Database database) throws SQLException {
        database.execute("CREATE TABLE IF NOT EXISTS " + COMMENT_ANALYSES
                + " (response_id VARCHAR, language VARCHAR, sentiment DOUBLE, label VARCHAR, terms VARCHAR, digest VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + COMMENT_THEMES + " (response_id VARCHAR, theme VARCHAR, theme_sentiment DOUBLE, theme_label VARCHAR)");
        database.execute("CREATE TABLE IF NOT EXISTS " + COMMENT_STATE + " (key VARCHAR, value VARCHAR)");
    }
}
