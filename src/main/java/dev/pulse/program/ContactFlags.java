package dev.pulse.program;

import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Opt-outs and bounces Pulse recorded itself (the opt-out link, the CLI, a delivery the mail server
 * refused). They are kept apart from contacts.csv so that no import undoes them; only
 * {@link #clear}, an admin's explicit command, does.
 */
public final class ContactFlags {
    public static final String OPTED_OUT = "opted_out";
    public static final String BOUNCED = "bounced";

    private ContactFlags() {
    }

    /** Records a flag (once: recording it again changes nothing). */
    public static void record(Database database, String contactId, String flag, Instant at, String source) throws SQLException {
        Schema.createProgramTables(database);
        database.execute(Sql.of("INSERT INTO " + Schema.CONTACT_FLAGS + " SELECT ?, ?, CAST(? AS TIMESTAMPTZ), ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + Schema.CONTACT_FLAGS + " WHERE contact_id = ? AND flag = ?)", contactId, flag, at.toString(), source,
                contactId, flag));
    }

    /** Clears a flag Pulse recorded; returns how many were cleared. A contacts.csv flag stays what the file says. */
    public static int clear(Database database, String contactId, String flag) throws SQLException {
        Schema.createProgramTables(database);
        return database.execute(Sql.of("DELETE FROM " + Schema.CONTACT_FLAGS + " WHERE contact_id = ? AND flag = ?", contactId, flag));
    }

    /** Whether a contact exists. */
    public static boolean exists(Database database, String contactId) throws SQLException {
        return database.queryLong(Sql.of("SELECT count(*) FROM contacts WHERE contact_id = ?", contactId)) > 0;
    }

    /** A contact's flags: from contacts.csv and recorded by Pulse. */
    public static List<Map<String, Object>> of(Database database, String contactId) throws SQLException {
        Schema.createProgramTables(database);
        return database.query(Sql.of("SELECT c.contact_id, c.email, c.opted_out AS file_opted_out, c.bounced AS file_bounced,"
                + " EXISTS (SELECT 1 FROM " + Schema.CONTACT_FLAGS + " f WHERE f.contact_id = c.contact_id AND f.flag = 'opted_out') AS recorded_opted_out,"
                + " EXISTS (SELECT 1 FROM " + Schema.CONTACT_FLAGS + " f WHERE f.contact_id = c.contact_id AND f.flag = 'bounced') AS recorded_bounced"
                + " FROM contacts c WHERE c.contact_id = ?", contactId));
    }
}
