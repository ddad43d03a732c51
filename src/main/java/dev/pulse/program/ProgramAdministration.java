package dev.pulse.program;

import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What {@code pulse cases} and {@code pulse contacts} do: on the database itself ({@link #local}), or,
 * while a server holds the database, through that server (dev.pulse.server.AdminSocket), so that the
 * closed loop can be worked from the command line while respondents answer.
 */
public interface ProgramAdministration {
    /** The cases matching every filter given (null: any), open and overdue first, as {@link Cases#list} orders them. */
    List<Cases.Case> cases(String status, String owner, String tier, String segment, String rootCause)
            throws ProgramException, SQLException, IOException;

    Cases.Case updateCase(String actor, String caseId, String status, String rootCause, String note)
            throws ProgramException, SQLException, IOException;

    /** Records an opt-out or bounce; a contact that does not exist is a ProgramException. */
    void flagContact(String actor, String contactId, String flag) throws ProgramException, SQLException, IOException;

    /** Clears an opt-out or bounce Pulse recorded; returns how many were cleared (0 or 1). */
    int clearContactFlag(String contactId, String flag) throws ProgramException, SQLException, IOException;

    /** On a database this process holds. */
    static ProgramAdministration local(Database database, ProgramSettings settings, Clock clock) {
        requireNonNull(database, "database is null");
        Cases cases = new Cases(database, settings, clock);
        return new ProgramAdministration() {
            @Override
            public List<Cases.Case> cases(String status, String owner, String tier, String segment, String rootCause)
                    throws ProgramException, SQLException {
                return cases.list(status, owner, tier, segment, rootCause, null);
            }

            @Override
            public Cases.Case updateCase(String actor, String caseId, String status, String rootCause, String note)
                    throws ProgramException, SQLException {
                return cases.update(caseId, status, rootCause, note, actor, null);
            }

            @Override
            public void flagContact(String actor, String contactId, String flag) throws ProgramException, SQLException {
                checkFlag(flag);
                if (!ContactFlags.exists(database, contactId)) {
                    throw new ProgramException("contact " + contactId + ": no such contact (contacts.csv)");
                }
                ContactFlags.record(database, contactId, flag, clock.instant(), actor);
            }

            @Override
            public int clearContactFlag(String contactId, String flag) throws ProgramException, SQLException {
                checkFlag(flag);
                return ContactFlags.clear(database, contactId, flag);
            }
        };
    }

    private static void checkFlag(String flag) throws ProgramException {
        if (!ContactFlags.OPTED_OUT.equals(flag) && !ContactFlags.BOUNCED.equals(flag)) {
            throw new ProgramException("--flag: '" + flag + "' must be opted_out or bounced");
        }
    }
}
