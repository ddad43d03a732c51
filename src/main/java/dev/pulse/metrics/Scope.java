package dev.pulse.metrics;

import dev.pulse.engine.Sql;

import static java.util.Objects.requireNonNull;

/**
 * Whose data a reader may see, applied where the engine reads each table, so that no query built
 * on the engine (metrics, drill-through rows, verbatims) can reach past it. Everything, for an
 * analyst; for a partner, the accounts it sold to ({@code partner_id} = the partner) and its own
 * account: their tickets and survey answers, the interactions of those tickets, and nothing of agent
 * activity, QA reviews or costs.
 *
 * @param partnerId the partner account whose data this is; null for everything
 * @param minN      a value computed from fewer rows (but some) is withheld, with at least one more cell of
 *                  any breakdown where it alone would be (see {@link Suppression}); 0 withholds nothing
 */
public record Scope(String partnerId, int minN) {
    private static final Scope EVERYTHING = new Scope(null, 0);

    public Scope {
        if (minN < 0) {
            throw new IllegalArgumentException("minN must not be negative");
        }
    }

    public static Scope everything() {
        return EVERYTHING;
    }

    /** @param minN access.min_n: values of fewer rows are withheld (0: none) */
    public static Scope partner(String partnerId, int minN) {
        return new Scope(requireNonNull(partnerId, "partnerId is null"), minN);
    }

    public boolean isEverything() {
        return partnerId == null;
    }

    /** The accounts the scope shows: a subquery of account ids, with the partner's id bound. */
    Sql visibleAccounts() {
        return Sql.of("SELECT account_id FROM accounts WHERE partner_id = ? OR account_id = ?", partnerId, partnerId);
    }

    /** A condition on the accounts table (under {@code alias}): the account is visible. */
    Sql accountVisible(String alias) {
        return Sql.of("(" + alias + ".partner_id = ? OR " + alias + ".account_id = ?)", partnerId, partnerId);
    }

    /**
     * How a query names a stored table: the table itself for everything; for a partner, the table's
     * visible rows (tables the scope shows nothing of: no rows).
     */
    Sql table(String table) {
        if (isEverything()) {
            return Sql.of(table);
        }
        return switch (table) {
            case "tickets", "surveys", "invitations", "cases", "contacts" -> new Sql.Builder().add("(SELECT * FROM " + table + " WHERE account_id IN (").add(visibleAccounts())
                    .add("))").build();
            case "interactions" -> new Sql.Builder().add("(SELECT * FROM interactions WHERE ticket_id IN (SELECT ticket_id FROM tickets"
                    + " WHERE account_id IN (").add(visibleAccounts()).add(")))").build();
            case "accounts" -> new Sql.Builder().add("(SELECT * FROM accounts a WHERE ").add(accountVisible("a")).add(")").build();
            // agent_activity, qa_reviews, costs, ops_metrics: the team's own data, never a partner's
            default -> Sql.of("(SELECT * FROM " + table + " WHERE FALSE)");
        };
    }
}
