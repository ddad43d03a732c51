package dev.pulse.cli;

import dev.pulse.program.ContactFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code pulse contacts opt-out|bounce|clear ID}: the opt-outs and bounces Pulse records itself (no import undoes them). */
@Command(name = "contacts", mixinStandardHelpOptions = true, description = "Record a contact's opt-out or bounce, or clear one Pulse recorded.",
        subcommands = {ContactsCommand.OptOut.class, ContactsCommand.Bounce.class, ContactsCommand.Clear.class})
public final class ContactsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void record(Options options, Clock clock, String contactId, String flag) throws Exception {
        CasesCommand.withProgramme(options, clock, program -> {
            program.flagContact(UsersCommand.actor(), contactId, flag);
            System.out.println("contact " + contactId + ": " + flag.replace('_', ' ') + " recorded; not invited again");
        });
    }

    @Command(name = "opt-out", mixinStandardHelpOptions = true, description = "The contact asked to receive no more surveys.")
    static final class OptOut implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONTACT_ID") String contactId;
        @Mixin Options options = new Options();
        private final Clock clock;

        OptOut(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            record(options, clock, contactId, ContactFlags.OPTED_OUT);
            return 0;
        }
    }

    @Command(name = "bounce", mixinStandardHelpOptions = true, description = "An invitation to the contact bounced.")
    static final class Bounce implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONTACT_ID") String contactId;
        @Mixin Options options = new Options();
        private final Clock clock;

        Bounce(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            record(options, clock, contactId, ContactFlags.BOUNCED);
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Clear an opt-out or bounce Pulse recorded (an admin's decision;"
            + " a flag set in contacts.csv stays what the file says).")
    static final class Clear implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONTACT_ID") String contactId;
        @Option(names = "--flag", required = true, description = "opted_out or bounced.") String flag;
        @Mixin Options options = new Options();

        @Override
        public Integer call() throws Exception {
            if (!flag.equals(ContactFlags.OPTED_OUT) && !flag.equals(ContactFlags.BOUNCED)) {
                throw new UserErrors.UserException("--flag: '" + flag + "' must be opted_out or bounced");
            }
            CasesCommand.withProgramme(options, Clock.systemUTC(), program -> { // clearing reads no clock
                int cleared = program.clearContactFlag(contactId, flag);
                System.out.println(cleared == 0 ? "contact " + contactId + ": Pulse had recorded no " + flag
                        : "contact " + contactId + ": " + flag + " cleared");
            });
            return 0;
        }
    }
}
