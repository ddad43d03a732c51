CREATE TABLE IF NOT EXISTS pulse_schema (version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)
-- binds: []

SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = lower(?)
-- binds: [pulse_schema]

SELECT coalesce(max(version), 0) FROM pulse_schema
-- binds: []

SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = lower(?)
-- binds: [pulse_schema]

SELECT coalesce(max(version), 0) FROM pulse_schema
-- binds: []

SELECT lower(table_name) AS t, lower(column_name) AS c FROM information_schema.columns WHERE table_schema = current_schema()
-- binds: []

CREATE TABLE IF NOT EXISTS accounts ("account_id" VARCHAR, "name" VARCHAR, "type" VARCHAR, "segment" VARCHAR, "tier" VARCHAR, "partner_id" VARCHAR, "region" VARCHAR, "started_at" DATE, "ended_at" DATE, "owner" VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS contacts ("contact_id" VARCHAR, "account_id" VARCHAR, "email" VARCHAR, "name" VARCHAR, "role" VARCHAR, "language" VARCHAR, "opted_out" BOOLEAN, "bounced" BOOLEAN)
-- binds: []

CREATE TABLE IF NOT EXISTS tickets ("ticket_id" VARCHAR, "account_id" VARCHAR, "created_at" TIMESTAMPTZ, "channel" VARCHAR, "priority" VARCHAR, "category" VARCHAR, "product" VARCHAR, "journey" VARCHAR, "first_response_at" TIMESTAMPTZ, "resolved_at" TIMESTAMPTZ, "contacts" BIGINT, "reopens" BIGINT, "escalated" BOOLEAN, "agent_id" VARCHAR, "handle_seconds" BIGINT, "response_due_at" TIMESTAMPTZ, "resolution_due_at" TIMESTAMPTZ, "contact_id" VARCHAR, "queue" VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS interactions ("interaction_id" VARCHAR, "ticket_id" VARCHAR, "channel" VARCHAR, "queue" VARCHAR, "offered_at" TIMESTAMPTZ, "answered_at" TIMESTAMPTZ, "ended_at" TIMESTAMPTZ, "abandoned" BOOLEAN, "talk_seconds" BIGINT, "hold_seconds" BIGINT, "wrap_seconds" BIGINT, "agent_id" VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS surveys ("response_id" VARCHAR, "account_id" VARCHAR, "contact_email" VARCHAR, "kind" VARCHAR, "program" VARCHAR, "ticket_id" VARCHAR, "touchpoint" VARCHAR, "product" VARCHAR, "responded_at" TIMESTAMPTZ, "score" BIGINT, "comment" VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS agent_activity ("agent_id" VARCHAR, "date" DATE, "team" VARCHAR, "staffed_seconds" BIGINT, "handling_seconds" BIGINT)
-- binds: []

CREATE TABLE IF NOT EXISTS qa_reviews ("review_id" VARCHAR, "ticket_id" VARCHAR, "agent_id" VARCHAR, "reviewed_at" TIMESTAMPTZ, "score" DOUBLE)
-- binds: []

CREATE TABLE IF NOT EXISTS costs ("month" DATE, "amount" DOUBLE, "currency" VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS ops_metrics ("date" DATE, "metric" VARCHAR, "product" VARCHAR, "value" DOUBLE)
-- binds: []

CREATE TABLE IF NOT EXISTS quarantine (file VARCHAR, line BIGINT, reason VARCHAR, raw VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS pulse_settings (key VARCHAR, value VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS spellings (dimension VARCHAR, key VARCHAR, display VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS comment_analysis (response_id VARCHAR, language VARCHAR, sentiment DOUBLE, label VARCHAR, terms VARCHAR, digest VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS comment_themes (response_id VARCHAR, theme VARCHAR, theme_sentiment DOUBLE, theme_label VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS comment_analysis_state (key VARCHAR, value VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS invitations (invitation_id VARCHAR PRIMARY KEY, program VARCHAR, wave VARCHAR, contact_id VARCHAR, account_id VARCHAR, ticket_id VARCHAR, email VARCHAR, language VARCHAR, token_hash VARCHAR UNIQUE, status VARCHAR, created_at TIMESTAMPTZ, sent_at TIMESTAMPTZ, expires_at TIMESTAMPTZ, delivery VARCHAR, attempts BIGINT, last_error VARCHAR, response_id VARCHAR, answered_at TIMESTAMPTZ, last_answered_at TIMESTAMPTZ)
-- binds: []

CREATE TABLE IF NOT EXISTS cases (case_id VARCHAR PRIMARY KEY, seq BIGINT, response_id VARCHAR UNIQUE, invitation_id VARCHAR, contact_id VARCHAR, account_id VARCHAR, owner VARCHAR, status VARCHAR, score BIGINT, opened_at TIMESTAMPTZ, due_at TIMESTAMPTZ, first_contacted_at TIMESTAMPTZ, closed_at TIMESTAMPTZ, root_cause VARCHAR, program VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS case_events (case_id VARCHAR, happened_at TIMESTAMPTZ, actor VARCHAR, from_status VARCHAR, to_status VARCHAR, root_cause VARCHAR, note VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS contact_flags (contact_id VARCHAR, flag VARCHAR, recorded_at TIMESTAMPTZ, source VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS alerts (alert_id VARCHAR PRIMARY KEY, case_id VARCHAR, channel VARCHAR, target VARCHAR, payload VARCHAR, created_at TIMESTAMPTZ, delivered_at TIMESTAMPTZ, attempts BIGINT, next_attempt_at TIMESTAMPTZ, last_error VARCHAR)
-- binds: []

CREATE TABLE IF NOT EXISTS alert_attempts (alert_id VARCHAR, attempted_at TIMESTAMPTZ, outcome VARCHAR, detail VARCHAR)
-- binds: []

INSERT INTO pulse_schema VALUES (?, ?, CAST(? AS TIMESTAMPTZ))
-- binds: [1, Pulse's tables (the data contract's, quarantine, settings, comment analyses, survey programme), 2025-06-15T12:00:00Z]

INSERT INTO pulse_schema VALUES (?, ?, CAST(? AS TIMESTAMPTZ))
-- binds: [2, PostgreSQL: change counters raised by a trigger on each of Pulse's tables, 2025-06-15T12:00:00Z]

SET TimeZone = 'UTC'
-- binds: []

DELETE FROM pulse_settings WHERE key = ?
-- binds: [import_zone]

INSERT INTO pulse_settings VALUES (?, ?)
-- binds: [import_zone, UTC]

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("account_id" AS VARCHAR) AS "account_id", CAST("name" AS VARCHAR) AS "name", CAST("type" AS VARCHAR) AS "type", CAST("segment" AS VARCHAR) AS "segment", CAST("tier" AS VARCHAR) AS "tier", CAST("partner_id" AS VARCHAR) AS "partner_id", CAST("region" AS VARCHAR) AS "region", CAST("started_at" AS DATE) AS "started_at", CAST("ended_at" AS DATE) AS "ended_at", CAST("owner" AS VARCHAR) AS "owner", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END || ',' || CASE WHEN c2 IS NULL THEN '' WHEN regexp_matches(c2, '[",\r\n]') THEN '"' || replace(c2, '"', '""') || '"' ELSE c2 END || ',' || CASE WHEN c3 IS NULL THEN '' WHEN regexp_matches(c3, '[",\r\n]') THEN '"' || replace(c3, '"', '""') || '"' ELSE c3 END END AS raw FROM (SELECT "account_id", "name", "type", "segment", "tier", "partner_id", "region", "started_at", "ended_at", "owner", CASE WHEN ("t__account_id" IS NULL) OR ((strlen("t__account_id") > 256 AND length("t__account_id") > 256)) OR ((strlen("t__name") > 65536 AND length("t__name") > 65536)) OR ("t__type" IS NULL) OR ("t__type" IS NOT NULL AND "type" IS NULL) OR ((strlen("t__type") > 256 AND length("t__type") > 256)) OR ((strlen("t__segment") > 256 AND length("t__segment") > 256)) OR ((strlen("t__tier") > 256 AND length("t__tier") > 256)) OR ((strlen("t__partner_id") > 256 AND length("t__partner_id") > 256)) OR ((strlen("t__region") > 256 AND length("t__region") > 256)) OR ("t__started_at" IS NOT NULL AND "started_at" IS NULL) OR ("t__ended_at" IS NOT NULL AND "ended_at" IS NULL) OR ((strlen("t__owner") > 65536 AND length("t__owner") > 65536)) THEN NULLIF(concat_ws('; ', CASE WHEN "t__account_id" IS NULL THEN 'account_id: a required value is missing' END, CASE WHEN (strlen("t__account_id") > 256 AND length("t__account_id") > 256) THEN 'account_id: ' || CAST(length("t__account_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__name") > 65536 AND length("t__name") > 65536) THEN 'name: ' || CAST(length("t__name") AS VARCHAR) || ' characters, more than the 65536 a value may have (import.max_text_length in pulse.yaml)' END, CASE WHEN "t__type" IS NULL THEN 'type: a required value is missing' END, CASE WHEN "t__type" IS NOT NULL AND "type" IS NULL THEN 'type: ''' || CASE WHEN length("t__type") > 80 THEN left("t__type", 80) || '...' ELSE "t__type" END || ''' is not one of customer, partner' END, CASE WHEN (strlen("t__type") > 256 AND length("t__type") > 256) THEN 'type: ' || CAST(length("t__type") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__segment") > 256 AND length("t__segment") > 256) THEN 'segment: ' || CAST(length("t__segment") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__tier") > 256 AND length("t__tier") > 256) THEN 'tier: ' || CAST(length("t__tier") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__partner_id") > 256 AND length("t__partner_id") > 256) THEN 'partner_id: ' || CAST(length("t__partner_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__region") > 256 AND length("t__region") > 256) THEN 'region: ' || CAST(length("t__region") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__started_at" IS NOT NULL AND "started_at" IS NULL THEN 'started_at: ''' || CASE WHEN length("t__started_at") > 80 THEN left("t__started_at", 80) || '...' ELSE "t__started_at" END || ''' is not a date (YYYY-MM-DD)' END, CASE WHEN "t__ended_at" IS NOT NULL AND "ended_at" IS NULL THEN 'ended_at: ''' || CASE WHEN length("t__ended_at") > 80 THEN left("t__ended_at", 80) || '...' ELSE "t__ended_at" END || ''' is not a date (YYYY-MM-DD)' END, CASE WHEN (strlen("t__owner") > 65536 AND length("t__owner") > 65536) THEN 'owner: ' || CAST(length("t__owner") AS VARCHAR) || ' characters, more than the 65536 a value may have (import.max_text_length in pulse.yaml)' END), '') END AS reason, c0, c1, c2, c3 FROM (SELECT "t__account_id" AS "account_id", "t__account_id", "t__name" AS "name", "t__name", CASE WHEN lower("t__type") IN ('customer', 'partner') THEN lower("t__type") END AS "type", "t__type", "t__segment" AS "segment", "t__segment", "t__tier" AS "tier", "t__tier", "t__partner_id" AS "partner_id", "t__partner_id", "t__region" AS "region", "t__region", CASE WHEN regexp_full_match("t__started_at", '\d{4}-\d{2}-\d{2}([T ]00:00(:00(\.0+)?)?)?') THEN TRY_CAST(left("t__started_at", 10) AS DATE) END AS "started_at", "t__started_at", CASE WHEN regexp_full_match("t__ended_at", '\d{4}-\d{2}-\d{2}([T ]00:00(:00(\.0+)?)?)?') THEN TRY_CAST(left("t__ended_at", 10) AS DATE) END AS "ended_at", "t__ended_at", "t__owner" AS "owner", "t__owner", c0, c1, c2, c3 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') AND trim(c0) = '' THEN NULL ELSE c0 END AS "t__account_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__name", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') THEN NULLIF(trim(c1), '') ELSE c1 END AS "t__type", CASE WHEN c2 = '' THEN NULL WHEN (c2 LIKE ' %' OR c2 LIKE '% ') THEN NULLIF(trim(c2), '') ELSE c2 END AS "t__segment", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__tier", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__partner_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__region", CASE WHEN c3 = '' THEN NULL WHEN (c3 LIKE ' %' OR c3 LIKE '% ') THEN NULLIF(trim(c3), '') ELSE c3 END AS "t__started_at", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__ended_at", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__owner", c0, c1, c2, c3 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/accounts.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

SELECT count(*) FROM (SELECT "account_id" FROM pulse_checked WHERE reason IS NULL GROUP BY "account_id" HAVING count(*) > 1) d
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

DELETE FROM quarantine WHERE file = ?
-- binds: [accounts.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

INSERT INTO spellings SELECT ?, lower("segment"), arg_min("segment", rowid) FROM pulse_checked WHERE reason IS NULL AND "segment" IS NOT NULL AND lower("segment") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("segment")
-- binds: [segment, segment]

INSERT INTO spellings SELECT ?, lower("tier"), arg_min("tier", rowid) FROM pulse_checked WHERE reason IS NULL AND "tier" IS NOT NULL AND lower("tier") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("tier")
-- binds: [tier, tier]

INSERT INTO spellings SELECT ?, lower("region"), arg_min("region", rowid) FROM pulse_checked WHERE reason IS NULL AND "region" IS NOT NULL AND lower("region") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("region")
-- binds: [region, region]

SELECT count(*) FROM accounts
-- binds: []

SELECT count(*) FROM (SELECT DISTINCT "segment" AS v FROM pulse_checked WHERE reason IS NULL AND "segment" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [segment]

SELECT count(*) FROM (SELECT DISTINCT "tier" AS v FROM pulse_checked WHERE reason IS NULL AND "tier" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [tier]

SELECT count(*) FROM (SELECT DISTINCT "region" AS v FROM pulse_checked WHERE reason IS NULL AND "region" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [region]

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE accounts
-- binds: []

ALTER TABLE pulse_checked RENAME TO accounts
-- binds: []

SELECT count(*) FROM accounts
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("ticket_id" AS VARCHAR) AS "ticket_id", CAST("account_id" AS VARCHAR) AS "account_id", CAST("created_at" AS TIMESTAMPTZ) AS "created_at", CAST("channel" AS VARCHAR) AS "channel", CAST("priority" AS VARCHAR) AS "priority", CAST("category" AS VARCHAR) AS "category", CAST("product" AS VARCHAR) AS "product", CAST("journey" AS VARCHAR) AS "journey", CAST("first_response_at" AS TIMESTAMPTZ) AS "first_response_at", CAST("resolved_at" AS TIMESTAMPTZ) AS "resolved_at", CAST("contacts" AS BIGINT) AS "contacts", CAST("reopens" AS BIGINT) AS "reopens", CAST("escalated" AS BOOLEAN) AS "escalated", CAST("agent_id" AS VARCHAR) AS "agent_id", CAST("handle_seconds" AS BIGINT) AS "handle_seconds", CAST("response_due_at" AS TIMESTAMPTZ) AS "response_due_at", CAST("resolution_due_at" AS TIMESTAMPTZ) AS "resolution_due_at", CAST("contact_id" AS VARCHAR) AS "contact_id", CAST("queue" AS VARCHAR) AS "queue", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END || ',' || CASE WHEN c2 IS NULL THEN '' WHEN regexp_matches(c2, '[",\r\n]') THEN '"' || replace(c2, '"', '""') || '"' ELSE c2 END || ',' || CASE WHEN c3 IS NULL THEN '' WHEN regexp_matches(c3, '[",\r\n]') THEN '"' || replace(c3, '"', '""') || '"' ELSE c3 END || ',' || CASE WHEN c4 IS NULL THEN '' WHEN regexp_matches(c4, '[",\r\n]') THEN '"' || replace(c4, '"', '""') || '"' ELSE c4 END || ',' || CASE WHEN c5 IS NULL THEN '' WHEN regexp_matches(c5, '[",\r\n]') THEN '"' || replace(c5, '"', '""') || '"' ELSE c5 END || ',' || CASE WHEN c6 IS NULL THEN '' WHEN regexp_matches(c6, '[",\r\n]') THEN '"' || replace(c6, '"', '""') || '"' ELSE c6 END END AS raw FROM (SELECT "ticket_id", "account_id", "created_at", "channel", "priority", "category", "product", "journey", "first_response_at", "resolved_at", "contacts", "reopens", "escalated", "agent_id", "handle_seconds", "response_due_at", "resolution_due_at", "contact_id", "queue", CASE WHEN ("t__ticket_id" IS NULL) OR ((strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256)) OR ("t__account_id" IS NULL) OR ((strlen("t__account_id") > 256 AND length("t__account_id") > 256)) OR ("t__created_at" IS NULL) OR ("t__created_at" IS NOT NULL AND "created_at" IS NULL) OR ((strlen("t__channel") > 256 AND length("t__channel") > 256)) OR ((strlen("t__priority") > 256 AND length("t__priority") > 256)) OR ((strlen("t__category") > 256 AND length("t__category") > 256)) OR ((strlen("t__product") > 256 AND length("t__product") > 256)) OR ((strlen("t__journey") > 256 AND length("t__journey") > 256)) OR ("t__first_response_at" IS NOT NULL AND "first_response_at" IS NULL) OR ("t__resolved_at" IS NOT NULL AND "resolved_at" IS NULL) OR ("t__contacts" IS NOT NULL AND "contacts" IS NULL) OR ("contacts" < 1) OR ("t__reopens" IS NOT NULL AND "reopens" IS NULL) OR ("reopens" < 0) OR ("t__escalated" IS NOT NULL AND "escalated" IS NULL) OR ((strlen("t__agent_id") > 256 AND length("t__agent_id") > 256)) OR ("t__handle_seconds" IS NOT NULL AND "handle_seconds" IS NULL) OR ("handle_seconds" < 0) OR ("t__response_due_at" IS NOT NULL AND "response_due_at" IS NULL) OR ("t__resolution_due_at" IS NOT NULL AND "resolution_due_at" IS NULL) OR ((strlen("t__contact_id") > 256 AND length("t__contact_id") > 256)) OR ((strlen("t__queue") > 256 AND length("t__queue") > 256)) OR (first_response_at < created_at) OR (resolved_at < created_at) THEN NULLIF(concat_ws('; ', CASE WHEN "t__ticket_id" IS NULL THEN 'ticket_id: a required value is missing' END, CASE WHEN (strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256) THEN 'ticket_id: ' || CAST(length("t__ticket_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__account_id" IS NULL THEN 'account_id: a required value is missing' END, CASE WHEN (strlen("t__account_id") > 256 AND length("t__account_id") > 256) THEN 'account_id: ' || CAST(length("t__account_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__created_at" IS NULL THEN 'created_at: a required value is missing' END, CASE WHEN "t__created_at" IS NOT NULL AND "created_at" IS NULL THEN 'created_at: ''' || CASE WHEN length("t__created_at") > 80 THEN left("t__created_at", 80) || '...' ELSE "t__created_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN (strlen("t__channel") > 256 AND length("t__channel") > 256) THEN 'channel: ' || CAST(length("t__channel") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__priority") > 256 AND length("t__priority") > 256) THEN 'priority: ' || CAST(length("t__priority") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__category") > 256 AND length("t__category") > 256) THEN 'category: ' || CAST(length("t__category") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__product") > 256 AND length("t__product") > 256) THEN 'product: ' || CAST(length("t__product") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__journey") > 256 AND length("t__journey") > 256) THEN 'journey: ' || CAST(length("t__journey") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__first_response_at" IS NOT NULL AND "first_response_at" IS NULL THEN 'first_response_at: ''' || CASE WHEN length("t__first_response_at") > 80 THEN left("t__first_response_at", 80) || '...' ELSE "t__first_response_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__resolved_at" IS NOT NULL AND "resolved_at" IS NULL THEN 'resolved_at: ''' || CASE WHEN length("t__resolved_at") > 80 THEN left("t__resolved_at", 80) || '...' ELSE "t__resolved_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__contacts" IS NOT NULL AND "contacts" IS NULL THEN 'contacts: ''' || CASE WHEN length("t__contacts") > 80 THEN left("t__contacts", 80) || '...' ELSE "t__contacts" END || ''' is not a whole number' END, CASE WHEN "contacts" < 1 THEN 'contacts: ' || "t__contacts" || ' is below the minimum 1' END, CASE WHEN "t__reopens" IS NOT NULL AND "reopens" IS NULL THEN 'reopens: ''' || CASE WHEN length("t__reopens") > 80 THEN left("t__reopens", 80) || '...' ELSE "t__reopens" END || ''' is not a whole number' END, CASE WHEN "reopens" < 0 THEN 'reopens: ' || "t__reopens" || ' is below the minimum 0' END, CASE WHEN "t__escalated" IS NOT NULL AND "escalated" IS NULL THEN 'escalated: ''' || CASE WHEN length("t__escalated") > 80 THEN left("t__escalated", 80) || '...' ELSE "t__escalated" END || ''' is not a boolean (true/false, yes/no, 1/0)' END, CASE WHEN (strlen("t__agent_id") > 256 AND length("t__agent_id") > 256) THEN 'agent_id: ' || CAST(length("t__agent_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__handle_seconds" IS NOT NULL AND "handle_seconds" IS NULL THEN 'handle_seconds: ''' || CASE WHEN length("t__handle_seconds") > 80 THEN left("t__handle_seconds", 80) || '...' ELSE "t__handle_seconds" END || ''' is not a whole number' END, CASE WHEN "handle_seconds" < 0 THEN 'handle_seconds: ' || "t__handle_seconds" || ' is below the minimum 0' END, CASE WHEN "t__response_due_at" IS NOT NULL AND "response_due_at" IS NULL THEN 'response_due_at: ''' || CASE WHEN length("t__response_due_at") > 80 THEN left("t__response_due_at", 80) || '...' ELSE "t__response_due_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__resolution_due_at" IS NOT NULL AND "resolution_due_at" IS NULL THEN 'resolution_due_at: ''' || CASE WHEN length("t__resolution_due_at") > 80 THEN left("t__resolution_due_at", 80) || '...' ELSE "t__resolution_due_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN (strlen("t__contact_id") > 256 AND length("t__contact_id") > 256) THEN 'contact_id: ' || CAST(length("t__contact_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__queue") > 256 AND length("t__queue") > 256) THEN 'queue: ' || CAST(length("t__queue") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN first_response_at < created_at THEN 'first_response_at: ' || CAST(first_response_at AS VARCHAR) || ' is before created_at ' || CAST(created_at AS VARCHAR) END, CASE WHEN resolved_at < created_at THEN 'resolved_at: ' || CAST(resolved_at AS VARCHAR) || ' is before created_at ' || CAST(created_at AS VARCHAR) END), '') END AS reason, c0, c1, c2, c3, c4, c5, c6 FROM (SELECT "t__ticket_id" AS "ticket_id", "t__ticket_id", "t__account_id" AS "account_id", "t__account_id", CASE WHEN "t__created_at" LIKE '____-__-__%' THEN TRY_CAST("t__created_at" AS TIMESTAMPTZ) END AS "created_at", "t__created_at", "t__channel" AS "channel", "t__channel", "t__priority" AS "priority", "t__priority", "t__category" AS "category", "t__category", "t__product" AS "product", "t__product", "t__journey" AS "journey", "t__journey", CASE WHEN "t__first_response_at" LIKE '____-__-__%' THEN TRY_CAST("t__first_response_at" AS TIMESTAMPTZ) END AS "first_response_at", "t__first_response_at", CASE WHEN "t__resolved_at" LIKE '____-__-__%' THEN TRY_CAST("t__resolved_at" AS TIMESTAMPTZ) END AS "resolved_at", "t__resolved_at", coalesce(CASE WHEN regexp_full_match("t__contacts", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__contacts" AS BIGINT) END, CASE WHEN "t__contacts" IS NULL THEN CASE WHEN regexp_full_match('1', '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST('1' AS BIGINT) END END) AS "contacts", "t__contacts", coalesce(CASE WHEN regexp_full_match("t__reopens", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__reopens" AS BIGINT) END, CASE WHEN "t__reopens" IS NULL THEN CASE WHEN regexp_full_match('0', '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST('0' AS BIGINT) END END) AS "reopens", "t__reopens", coalesce(CASE WHEN lower("t__escalated") IN ('true', 'yes', '1', 't', 'y', '1.0') THEN TRUE WHEN lower("t__escalated") IN ('false', 'no', '0', 'f', 'n', '0.0') THEN FALSE END, CASE WHEN "t__escalated" IS NULL THEN CASE WHEN lower('false') IN ('true', 'yes', '1', 't', 'y', '1.0') THEN TRUE WHEN lower('false') IN ('false', 'no', '0', 'f', 'n', '0.0') THEN FALSE END END) AS "escalated", "t__escalated", "t__agent_id" AS "agent_id", "t__agent_id", CASE WHEN regexp_full_match("t__handle_seconds", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__handle_seconds" AS BIGINT) END AS "handle_seconds", "t__handle_seconds", CASE WHEN "t__response_due_at" LIKE '____-__-__%' THEN TRY_CAST("t__response_due_at" AS TIMESTAMPTZ) END AS "response_due_at", "t__response_due_at", CASE WHEN "t__resolution_due_at" LIKE '____-__-__%' THEN TRY_CAST("t__resolution_due_at" AS TIMESTAMPTZ) END AS "resolution_due_at", "t__resolution_due_at", "t__contact_id" AS "contact_id", "t__contact_id", "t__queue" AS "queue", "t__queue", c0, c1, c2, c3, c4, c5, c6 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') AND trim(c0) = '' THEN NULL ELSE c0 END AS "t__ticket_id", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') AND trim(c1) = '' THEN NULL ELSE c1 END AS "t__account_id", CASE WHEN c2 = '' THEN NULL WHEN (c2 LIKE ' %' OR c2 LIKE '% ') THEN NULLIF(trim(c2), '') ELSE c2 END AS "t__created_at", CASE WHEN c4 = '' THEN NULL WHEN (c4 LIKE ' %' OR c4 LIKE '% ') THEN NULLIF(trim(c4), '') ELSE c4 END AS "t__channel", CASE WHEN c3 = '' THEN NULL WHEN (c3 LIKE ' %' OR c3 LIKE '% ') THEN NULLIF(trim(c3), '') ELSE c3 END AS "t__priority", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__category", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__product", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__journey", CASE WHEN c5 = '' THEN NULL WHEN (c5 LIKE ' %' OR c5 LIKE '% ') THEN NULLIF(trim(c5), '') ELSE c5 END AS "t__first_response_at", CASE WHEN c6 = '' THEN NULL WHEN (c6 LIKE ' %' OR c6 LIKE '% ') THEN NULLIF(trim(c6), '') ELSE c6 END AS "t__resolved_at", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__contacts", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__reopens", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__escalated", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__agent_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__handle_seconds", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__response_due_at", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__resolution_due_at", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__contact_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__queue", c0, c1, c2, c3, c4, c5, c6 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'VARCHAR', 'c5': 'VARCHAR', 'c6': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/tickets.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

UPDATE pulse_checked SET reason = concat_ws('; ', reason, 'account_id: ''' || "account_id" || ''' is not an account of accounts.csv') WHERE "account_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = pulse_checked."account_id")
-- binds: []

UPDATE pulse_checked SET reason = concat_ws('; ', reason, 'contact_id: ''' || "contact_id" || ''' is not a contact of contacts.csv') WHERE "contact_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts r WHERE r."contact_id" = pulse_checked."contact_id")
-- binds: []

SELECT count(*) FROM (SELECT "ticket_id" FROM pulse_checked WHERE reason IS NULL GROUP BY "ticket_id" HAVING count(*) > 1) d
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

SELECT coalesce(count_if("created_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_0, CAST(min("created_at") AS VARCHAR) AS earliest_0, coalesce(count_if("created_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_0, CAST(max("created_at") AS VARCHAR) AS latest_0, coalesce(count_if("first_response_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_1, CAST(min("first_response_at") AS VARCHAR) AS earliest_1, coalesce(count_if("first_response_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_1, CAST(max("first_response_at") AS VARCHAR) AS latest_1, coalesce(count_if("resolved_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_2, CAST(min("resolved_at") AS VARCHAR) AS earliest_2, coalesce(count_if("resolved_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_2, CAST(max("resolved_at") AS VARCHAR) AS latest_2, coalesce(count_if("response_due_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_3, CAST(min("response_due_at") AS VARCHAR) AS earliest_3, coalesce(count_if("response_due_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_3, CAST(max("response_due_at") AS VARCHAR) AS latest_3, coalesce(count_if("resolution_due_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_4, CAST(min("resolution_due_at") AS VARCHAR) AS earliest_4, coalesce(count_if("resolution_due_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_4, CAST(max("resolution_due_at") AS VARCHAR) AS latest_4 FROM pulse_checked WHERE reason IS NULL
-- binds: [1990-01-01, 2026-06-15, 1990-01-01, 2026-06-15, 1990-01-01, 2026-06-15, 1990-01-01, 2026-06-15, 1990-01-01, 2026-06-15]

DELETE FROM quarantine WHERE file = ?
-- binds: [tickets.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

INSERT INTO spellings SELECT ?, lower("channel"), arg_min("channel", rowid) FROM pulse_checked WHERE reason IS NULL AND "channel" IS NOT NULL AND lower("channel") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("channel")
-- binds: [channel, channel]

INSERT INTO spellings SELECT ?, lower("priority"), arg_min("priority", rowid) FROM pulse_checked WHERE reason IS NULL AND "priority" IS NOT NULL AND lower("priority") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("priority")
-- binds: [priority, priority]

INSERT INTO spellings SELECT ?, lower("category"), arg_min("category", rowid) FROM pulse_checked WHERE reason IS NULL AND "category" IS NOT NULL AND lower("category") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("category")
-- binds: [category, category]

INSERT INTO spellings SELECT ?, lower("product"), arg_min("product", rowid) FROM pulse_checked WHERE reason IS NULL AND "product" IS NOT NULL AND lower("product") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("product")
-- binds: [product, product]

INSERT INTO spellings SELECT ?, lower("journey"), arg_min("journey", rowid) FROM pulse_checked WHERE reason IS NULL AND "journey" IS NOT NULL AND lower("journey") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("journey")
-- binds: [journey, journey]

INSERT INTO spellings SELECT ?, lower("queue"), arg_min("queue", rowid) FROM pulse_checked WHERE reason IS NULL AND "queue" IS NOT NULL AND lower("queue") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("queue")
-- binds: [queue, queue]

SELECT count(*) FROM tickets
-- binds: []

SELECT count(*) FROM (SELECT DISTINCT "channel" AS v FROM pulse_checked WHERE reason IS NULL AND "channel" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [channel]

SELECT count(*) FROM (SELECT DISTINCT "priority" AS v FROM pulse_checked WHERE reason IS NULL AND "priority" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [priority]

SELECT count(*) FROM (SELECT DISTINCT "category" AS v FROM pulse_checked WHERE reason IS NULL AND "category" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [category]

SELECT count(*) FROM (SELECT DISTINCT "product" AS v FROM pulse_checked WHERE reason IS NULL AND "product" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [product]

SELECT count(*) FROM (SELECT DISTINCT "journey" AS v FROM pulse_checked WHERE reason IS NULL AND "journey" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [journey]

SELECT count(*) FROM (SELECT DISTINCT "queue" AS v FROM pulse_checked WHERE reason IS NULL AND "queue" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [queue]

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE tickets
-- binds: []

ALTER TABLE pulse_checked RENAME TO tickets
-- binds: []

SELECT count(*) FROM tickets
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("interaction_id" AS VARCHAR) AS "interaction_id", CAST("ticket_id" AS VARCHAR) AS "ticket_id", CAST("channel" AS VARCHAR) AS "channel", CAST("queue" AS VARCHAR) AS "queue", CAST("offered_at" AS TIMESTAMPTZ) AS "offered_at", CAST("answered_at" AS TIMESTAMPTZ) AS "answered_at", CAST("ended_at" AS TIMESTAMPTZ) AS "ended_at", CAST("abandoned" AS BOOLEAN) AS "abandoned", CAST("talk_seconds" AS BIGINT) AS "talk_seconds", CAST("hold_seconds" AS BIGINT) AS "hold_seconds", CAST("wrap_seconds" AS BIGINT) AS "wrap_seconds", CAST("agent_id" AS VARCHAR) AS "agent_id", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END || ',' || CASE WHEN c2 IS NULL THEN '' WHEN regexp_matches(c2, '[",\r\n]') THEN '"' || replace(c2, '"', '""') || '"' ELSE c2 END || ',' || CASE WHEN c3 IS NULL THEN '' WHEN regexp_matches(c3, '[",\r\n]') THEN '"' || replace(c3, '"', '""') || '"' ELSE c3 END || ',' || CASE WHEN c4 IS NULL THEN '' WHEN regexp_matches(c4, '[",\r\n]') THEN '"' || replace(c4, '"', '""') || '"' ELSE c4 END END AS raw FROM (SELECT "interaction_id", "ticket_id", "channel", "queue", "offered_at", "answered_at", "ended_at", "abandoned", "talk_seconds", "hold_seconds", "wrap_seconds", "agent_id", CASE WHEN ("t__interaction_id" IS NULL) OR ((strlen("t__interaction_id") > 256 AND length("t__interaction_id") > 256)) OR ((strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256)) OR ((strlen("t__channel") > 256 AND length("t__channel") > 256)) OR ((strlen("t__queue") > 256 AND length("t__queue") > 256)) OR ("t__offered_at" IS NULL) OR ("t__offered_at" IS NOT NULL AND "offered_at" IS NULL) OR ("t__answered_at" IS NOT NULL AND "answered_at" IS NULL) OR ("t__ended_at" IS NOT NULL AND "ended_at" IS NULL) OR ("t__abandoned" IS NOT NULL AND "abandoned" IS NULL) OR ("t__talk_seconds" IS NOT NULL AND "talk_seconds" IS NULL) OR ("talk_seconds" < 0) OR ("t__hold_seconds" IS NOT NULL AND "hold_seconds" IS NULL) OR ("hold_seconds" < 0) OR ("t__wrap_seconds" IS NOT NULL AND "wrap_seconds" IS NULL) OR ("wrap_seconds" < 0) OR ((strlen("t__agent_id") > 256 AND length("t__agent_id") > 256)) THEN NULLIF(concat_ws('; ', CASE WHEN "t__interaction_id" IS NULL THEN 'interaction_id: a required value is missing' END, CASE WHEN (strlen("t__interaction_id") > 256 AND length("t__interaction_id") > 256) THEN 'interaction_id: ' || CAST(length("t__interaction_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256) THEN 'ticket_id: ' || CAST(length("t__ticket_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__channel") > 256 AND length("t__channel") > 256) THEN 'channel: ' || CAST(length("t__channel") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__queue") > 256 AND length("t__queue") > 256) THEN 'queue: ' || CAST(length("t__queue") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__offered_at" IS NULL THEN 'offered_at: a required value is missing' END, CASE WHEN "t__offered_at" IS NOT NULL AND "offered_at" IS NULL THEN 'offered_at: ''' || CASE WHEN length("t__offered_at") > 80 THEN left("t__offered_at", 80) || '...' ELSE "t__offered_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__answered_at" IS NOT NULL AND "answered_at" IS NULL THEN 'answered_at: ''' || CASE WHEN length("t__answered_at") > 80 THEN left("t__answered_at", 80) || '...' ELSE "t__answered_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__ended_at" IS NOT NULL AND "ended_at" IS NULL THEN 'ended_at: ''' || CASE WHEN length("t__ended_at") > 80 THEN left("t__ended_at", 80) || '...' ELSE "t__ended_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__abandoned" IS NOT NULL AND "abandoned" IS NULL THEN 'abandoned: ''' || CASE WHEN length("t__abandoned") > 80 THEN left("t__abandoned", 80) || '...' ELSE "t__abandoned" END || ''' is not a boolean (true/false, yes/no, 1/0)' END, CASE WHEN "t__talk_seconds" IS NOT NULL AND "talk_seconds" IS NULL THEN 'talk_seconds: ''' || CASE WHEN length("t__talk_seconds") > 80 THEN left("t__talk_seconds", 80) || '...' ELSE "t__talk_seconds" END || ''' is not a whole number' END, CASE WHEN "talk_seconds" < 0 THEN 'talk_seconds: ' || "t__talk_seconds" || ' is below the minimum 0' END, CASE WHEN "t__hold_seconds" IS NOT NULL AND "hold_seconds" IS NULL THEN 'hold_seconds: ''' || CASE WHEN length("t__hold_seconds") > 80 THEN left("t__hold_seconds", 80) || '...' ELSE "t__hold_seconds" END || ''' is not a whole number' END, CASE WHEN "hold_seconds" < 0 THEN 'hold_seconds: ' || "t__hold_seconds" || ' is below the minimum 0' END, CASE WHEN "t__wrap_seconds" IS NOT NULL AND "wrap_seconds" IS NULL THEN 'wrap_seconds: ''' || CASE WHEN length("t__wrap_seconds") > 80 THEN left("t__wrap_seconds", 80) || '...' ELSE "t__wrap_seconds" END || ''' is not a whole number' END, CASE WHEN "wrap_seconds" < 0 THEN 'wrap_seconds: ' || "t__wrap_seconds" || ' is below the minimum 0' END, CASE WHEN (strlen("t__agent_id") > 256 AND length("t__agent_id") > 256) THEN 'agent_id: ' || CAST(length("t__agent_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END), '') END AS reason, c0, c1, c2, c3, c4 FROM (SELECT "t__interaction_id" AS "interaction_id", "t__interaction_id", "t__ticket_id" AS "ticket_id", "t__ticket_id", "t__channel" AS "channel", "t__channel", "t__queue" AS "queue", "t__queue", CASE WHEN "t__offered_at" LIKE '____-__-__%' THEN TRY_CAST("t__offered_at" AS TIMESTAMPTZ) END AS "offered_at", "t__offered_at", CASE WHEN "t__answered_at" LIKE '____-__-__%' THEN TRY_CAST("t__answered_at" AS TIMESTAMPTZ) END AS "answered_at", "t__answered_at", CASE WHEN "t__ended_at" LIKE '____-__-__%' THEN TRY_CAST("t__ended_at" AS TIMESTAMPTZ) END AS "ended_at", "t__ended_at", CASE WHEN lower("t__abandoned") IN ('true', 'yes', '1', 't', 'y', '1.0') THEN TRUE WHEN lower("t__abandoned") IN ('false', 'no', '0', 'f', 'n', '0.0') THEN FALSE END AS "abandoned", "t__abandoned", CASE WHEN regexp_full_match("t__talk_seconds", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__talk_seconds" AS BIGINT) END AS "talk_seconds", "t__talk_seconds", CASE WHEN regexp_full_match("t__hold_seconds", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__hold_seconds" AS BIGINT) END AS "hold_seconds", "t__hold_seconds", CASE WHEN regexp_full_match("t__wrap_seconds", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__wrap_seconds" AS BIGINT) END AS "wrap_seconds", "t__wrap_seconds", "t__agent_id" AS "agent_id", "t__agent_id", c0, c1, c2, c3, c4 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') AND trim(c0) = '' THEN NULL ELSE c0 END AS "t__interaction_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__ticket_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__channel", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__queue", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') THEN NULLIF(trim(c1), '') ELSE c1 END AS "t__offered_at", CASE WHEN c2 = '' THEN NULL WHEN (c2 LIKE ' %' OR c2 LIKE '% ') THEN NULLIF(trim(c2), '') ELSE c2 END AS "t__answered_at", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__ended_at", CASE WHEN c3 = '' THEN NULL WHEN (c3 LIKE ' %' OR c3 LIKE '% ') THEN NULLIF(trim(c3), '') ELSE c3 END AS "t__abandoned", CASE WHEN c4 = '' THEN NULL WHEN (c4 LIKE ' %' OR c4 LIKE '% ') THEN NULLIF(trim(c4), '') ELSE c4 END AS "t__talk_seconds", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__hold_seconds", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__wrap_seconds", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__agent_id", c0, c1, c2, c3, c4 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/interactions.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

SELECT count(*) FROM (SELECT "interaction_id" FROM pulse_checked WHERE reason IS NULL GROUP BY "interaction_id" HAVING count(*) > 1) d
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

SELECT coalesce(count_if("offered_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_0, CAST(min("offered_at") AS VARCHAR) AS earliest_0, coalesce(count_if("offered_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_0, CAST(max("offered_at") AS VARCHAR) AS latest_0, coalesce(count_if("answered_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_1, CAST(min("answered_at") AS VARCHAR) AS earliest_1, coalesce(count_if("answered_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_1, CAST(max("answered_at") AS VARCHAR) AS latest_1, coalesce(count_if("ended_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_2, CAST(min("ended_at") AS VARCHAR) AS earliest_2, coalesce(count_if("ended_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_2, CAST(max("ended_at") AS VARCHAR) AS latest_2 FROM pulse_checked WHERE reason IS NULL
-- binds: [1990-01-01, 2026-06-15, 1990-01-01, 2026-06-15, 1990-01-01, 2026-06-15]

DELETE FROM quarantine WHERE file = ?
-- binds: [interactions.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

INSERT INTO spellings SELECT ?, lower("channel"), arg_min("channel", rowid) FROM pulse_checked WHERE reason IS NULL AND "channel" IS NOT NULL AND lower("channel") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("channel")
-- binds: [channel, channel]

INSERT INTO spellings SELECT ?, lower("queue"), arg_min("queue", rowid) FROM pulse_checked WHERE reason IS NULL AND "queue" IS NOT NULL AND lower("queue") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("queue")
-- binds: [queue, queue]

SELECT count(*) FROM interactions
-- binds: []

SELECT count(*) FROM (SELECT DISTINCT "channel" AS v FROM pulse_checked WHERE reason IS NULL AND "channel" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [channel]

SELECT count(*) FROM (SELECT DISTINCT "queue" AS v FROM pulse_checked WHERE reason IS NULL AND "queue" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [queue]

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE interactions
-- binds: []

ALTER TABLE pulse_checked RENAME TO interactions
-- binds: []

SELECT count(*) FROM interactions
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("response_id" AS VARCHAR) AS "response_id", CAST("account_id" AS VARCHAR) AS "account_id", CAST("contact_email" AS VARCHAR) AS "contact_email", CAST("kind" AS VARCHAR) AS "kind", CAST("program" AS VARCHAR) AS "program", CAST("ticket_id" AS VARCHAR) AS "ticket_id", CAST("touchpoint" AS VARCHAR) AS "touchpoint", CAST("product" AS VARCHAR) AS "product", CAST("responded_at" AS TIMESTAMPTZ) AS "responded_at", CAST("score" AS BIGINT) AS "score", CAST("comment" AS VARCHAR) AS "comment", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END || ',' || CASE WHEN c2 IS NULL THEN '' WHEN regexp_matches(c2, '[",\r\n]') THEN '"' || replace(c2, '"', '""') || '"' ELSE c2 END || ',' || CASE WHEN c3 IS NULL THEN '' WHEN regexp_matches(c3, '[",\r\n]') THEN '"' || replace(c3, '"', '""') || '"' ELSE c3 END || ',' || CASE WHEN c4 IS NULL THEN '' WHEN regexp_matches(c4, '[",\r\n]') THEN '"' || replace(c4, '"', '""') || '"' ELSE c4 END || ',' || CASE WHEN c5 IS NULL THEN '' WHEN regexp_matches(c5, '[",\r\n]') THEN '"' || replace(c5, '"', '""') || '"' ELSE c5 END END AS raw FROM (SELECT "response_id", "account_id", "contact_email", "kind", "program", "ticket_id", "touchpoint", "product", "responded_at", "score", "comment", CASE WHEN ("t__response_id" IS NULL) OR ((strlen("t__response_id") > 256 AND length("t__response_id") > 256)) OR ("t__account_id" IS NULL) OR ((strlen("t__account_id") > 256 AND length("t__account_id") > 256)) OR ((strlen("t__contact_email") > 65536 AND length("t__contact_email") > 65536)) OR ("t__kind" IS NULL) OR ("t__kind" IS NOT NULL AND "kind" IS NULL) OR ((strlen("t__kind") > 256 AND length("t__kind") > 256)) OR ((strlen("t__program") > 256 AND length("t__program") > 256)) OR ((strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256)) OR ((strlen("t__touchpoint") > 256 AND length("t__touchpoint") > 256)) OR ((strlen("t__product") > 256 AND length("t__product") > 256)) OR ("t__responded_at" IS NULL) OR ("t__responded_at" IS NOT NULL AND "responded_at" IS NULL) OR ("t__score" IS NULL) OR ("t__score" IS NOT NULL AND "score" IS NULL) OR ((strlen("t__comment") > 65536 AND length("t__comment") > 65536)) OR ((kind = 'nps' AND (score < 0 OR score > 10)) OR (kind = 'csat' AND (score < 1 OR score > 5)) OR (kind = 'ces' AND (score < 1 OR score > 7))) THEN NULLIF(concat_ws('; ', CASE WHEN "t__response_id" IS NULL THEN 'response_id: a required value is missing' END, CASE WHEN (strlen("t__response_id") > 256 AND length("t__response_id") > 256) THEN 'response_id: ' || CAST(length("t__response_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__account_id" IS NULL THEN 'account_id: a required value is missing' END, CASE WHEN (strlen("t__account_id") > 256 AND length("t__account_id") > 256) THEN 'account_id: ' || CAST(length("t__account_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__contact_email") > 65536 AND length("t__contact_email") > 65536) THEN 'contact_email: ' || CAST(length("t__contact_email") AS VARCHAR) || ' characters, more than the 65536 a value may have (import.max_text_length in pulse.yaml)' END, CASE WHEN "t__kind" IS NULL THEN 'kind: a required value is missing' END, CASE WHEN "t__kind" IS NOT NULL AND "kind" IS NULL THEN 'kind: ''' || CASE WHEN length("t__kind") > 80 THEN left("t__kind", 80) || '...' ELSE "t__kind" END || ''' is not one of nps, csat, ces' END, CASE WHEN (strlen("t__kind") > 256 AND length("t__kind") > 256) THEN 'kind: ' || CAST(length("t__kind") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__program") > 256 AND length("t__program") > 256) THEN 'program: ' || CAST(length("t__program") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256) THEN 'ticket_id: ' || CAST(length("t__ticket_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__touchpoint") > 256 AND length("t__touchpoint") > 256) THEN 'touchpoint: ' || CAST(length("t__touchpoint") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__product") > 256 AND length("t__product") > 256) THEN 'product: ' || CAST(length("t__product") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__responded_at" IS NULL THEN 'responded_at: a required value is missing' END, CASE WHEN "t__responded_at" IS NOT NULL AND "responded_at" IS NULL THEN 'responded_at: ''' || CASE WHEN length("t__responded_at") > 80 THEN left("t__responded_at", 80) || '...' ELSE "t__responded_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__score" IS NULL THEN 'score: a required value is missing' END, CASE WHEN "t__score" IS NOT NULL AND "score" IS NULL THEN 'score: ''' || CASE WHEN length("t__score") > 80 THEN left("t__score", 80) || '...' ELSE "t__score" END || ''' is not a whole number' END, CASE WHEN (strlen("t__comment") > 65536 AND length("t__comment") > 65536) THEN 'comment: ' || CAST(length("t__comment") AS VARCHAR) || ' characters, more than the 65536 a value may have (import.max_text_length in pulse.yaml)' END, CASE WHEN (kind = 'nps' AND (score < 0 OR score > 10)) OR (kind = 'csat' AND (score < 1 OR score > 5)) OR (kind = 'ces' AND (score < 1 OR score > 7)) THEN 'score: ' || CAST(score AS VARCHAR) || ' is outside the range of a ' || kind || ' answer (nps 0-10, csat 1-5, ces 1-7)' END), '') END AS reason, c0, c1, c2, c3, c4, c5 FROM (SELECT "t__response_id" AS "response_id", "t__response_id", "t__account_id" AS "account_id", "t__account_id", "t__contact_email" AS "contact_email", "t__contact_email", CASE WHEN lower("t__kind") IN ('nps', 'csat', 'ces') THEN lower("t__kind") END AS "kind", "t__kind", "t__program" AS "program", "t__program", "t__ticket_id" AS "ticket_id", "t__ticket_id", "t__touchpoint" AS "touchpoint", "t__touchpoint", "t__product" AS "product", "t__product", CASE WHEN "t__responded_at" LIKE '____-__-__%' THEN TRY_CAST("t__responded_at" AS TIMESTAMPTZ) END AS "responded_at", "t__responded_at", CASE WHEN regexp_full_match("t__score", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__score" AS BIGINT) END AS "score", "t__score", "t__comment" AS "comment", "t__comment", c0, c1, c2, c3, c4, c5 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') AND trim(c0) = '' THEN NULL ELSE c0 END AS "t__response_id", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') AND trim(c1) = '' THEN NULL ELSE c1 END AS "t__account_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__contact_email", CASE WHEN c2 = '' THEN NULL WHEN (c2 LIKE ' %' OR c2 LIKE '% ') THEN NULLIF(trim(c2), '') ELSE c2 END AS "t__kind", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__program", CASE WHEN c5 = '' THEN NULL WHEN (c5 LIKE ' %' OR c5 LIKE '% ') AND trim(c5) = '' THEN NULL ELSE c5 END AS "t__ticket_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__touchpoint", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__product", CASE WHEN c3 = '' THEN NULL WHEN (c3 LIKE ' %' OR c3 LIKE '% ') THEN NULLIF(trim(c3), '') ELSE c3 END AS "t__responded_at", CASE WHEN c4 = '' THEN NULL WHEN (c4 LIKE ' %' OR c4 LIKE '% ') THEN NULLIF(trim(c4), '') ELSE c4 END AS "t__score", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__comment", c0, c1, c2, c3, c4, c5 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'VARCHAR', 'c5': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/surveys.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

UPDATE pulse_checked SET reason = concat_ws('; ', reason, 'account_id: ''' || "account_id" || ''' is not an account of accounts.csv') WHERE "account_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = pulse_checked."account_id")
-- binds: []

SELECT count(*) FROM (SELECT "response_id" FROM pulse_checked WHERE reason IS NULL GROUP BY "response_id" HAVING count(*) > 1) d
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

SELECT coalesce(count_if("responded_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_0, CAST(min("responded_at") AS VARCHAR) AS earliest_0, coalesce(count_if("responded_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_0, CAST(max("responded_at") AS VARCHAR) AS latest_0 FROM pulse_checked WHERE reason IS NULL
-- binds: [1990-01-01, 2026-06-15]

DELETE FROM quarantine WHERE file = ?
-- binds: [surveys.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

INSERT INTO spellings SELECT ?, lower("program"), arg_min("program", rowid) FROM pulse_checked WHERE reason IS NULL AND "program" IS NOT NULL AND lower("program") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("program")
-- binds: [program, program]

INSERT INTO spellings SELECT ?, lower("touchpoint"), arg_min("touchpoint", rowid) FROM pulse_checked WHERE reason IS NULL AND "touchpoint" IS NOT NULL AND lower("touchpoint") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("touchpoint")
-- binds: [touchpoint, touchpoint]

INSERT INTO spellings SELECT ?, lower("product"), arg_min("product", rowid) FROM pulse_checked WHERE reason IS NULL AND "product" IS NOT NULL AND lower("product") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("product")
-- binds: [product, product]

SELECT count(*) FROM surveys
-- binds: []

SELECT count(*) FROM (SELECT DISTINCT "program" AS v FROM pulse_checked WHERE reason IS NULL AND "program" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [program]

SELECT count(*) FROM (SELECT DISTINCT "touchpoint" AS v FROM pulse_checked WHERE reason IS NULL AND "touchpoint" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [touchpoint]

SELECT count(*) FROM (SELECT DISTINCT "product" AS v FROM pulse_checked WHERE reason IS NULL AND "product" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [product]

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE surveys
-- binds: []

ALTER TABLE pulse_checked RENAME TO surveys
-- binds: []

SELECT count(*) FROM surveys
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("agent_id" AS VARCHAR) AS "agent_id", CAST("date" AS DATE) AS "date", CAST("team" AS VARCHAR) AS "team", CAST("staffed_seconds" AS BIGINT) AS "staffed_seconds", CAST("handling_seconds" AS BIGINT) AS "handling_seconds", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END || ',' || CASE WHEN c2 IS NULL THEN '' WHEN regexp_matches(c2, '[",\r\n]') THEN '"' || replace(c2, '"', '""') || '"' ELSE c2 END || ',' || CASE WHEN c3 IS NULL THEN '' WHEN regexp_matches(c3, '[",\r\n]') THEN '"' || replace(c3, '"', '""') || '"' ELSE c3 END END AS raw FROM (SELECT "agent_id", "date", "team", "staffed_seconds", "handling_seconds", CASE WHEN ("t__agent_id" IS NULL) OR ((strlen("t__agent_id") > 256 AND length("t__agent_id") > 256)) OR ("t__date" IS NULL) OR ("t__date" IS NOT NULL AND "date" IS NULL) OR ((strlen("t__team") > 256 AND length("t__team") > 256)) OR ("t__staffed_seconds" IS NULL) OR ("t__staffed_seconds" IS NOT NULL AND "staffed_seconds" IS NULL) OR ("staffed_seconds" < 0) OR ("t__handling_seconds" IS NULL) OR ("t__handling_seconds" IS NOT NULL AND "handling_seconds" IS NULL) OR ("handling_seconds" < 0) THEN NULLIF(concat_ws('; ', CASE WHEN "t__agent_id" IS NULL THEN 'agent_id: a required value is missing' END, CASE WHEN (strlen("t__agent_id") > 256 AND length("t__agent_id") > 256) THEN 'agent_id: ' || CAST(length("t__agent_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__date" IS NULL THEN 'date: a required value is missing' END, CASE WHEN "t__date" IS NOT NULL AND "date" IS NULL THEN 'date: ''' || CASE WHEN length("t__date") > 80 THEN left("t__date", 80) || '...' ELSE "t__date" END || ''' is not a date (YYYY-MM-DD)' END, CASE WHEN (strlen("t__team") > 256 AND length("t__team") > 256) THEN 'team: ' || CAST(length("t__team") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__staffed_seconds" IS NULL THEN 'staffed_seconds: a required value is missing' END, CASE WHEN "t__staffed_seconds" IS NOT NULL AND "staffed_seconds" IS NULL THEN 'staffed_seconds: ''' || CASE WHEN length("t__staffed_seconds") > 80 THEN left("t__staffed_seconds", 80) || '...' ELSE "t__staffed_seconds" END || ''' is not a whole number' END, CASE WHEN "staffed_seconds" < 0 THEN 'staffed_seconds: ' || "t__staffed_seconds" || ' is below the minimum 0' END, CASE WHEN "t__handling_seconds" IS NULL THEN 'handling_seconds: a required value is missing' END, CASE WHEN "t__handling_seconds" IS NOT NULL AND "handling_seconds" IS NULL THEN 'handling_seconds: ''' || CASE WHEN length("t__handling_seconds") > 80 THEN left("t__handling_seconds", 80) || '...' ELSE "t__handling_seconds" END || ''' is not a whole number' END, CASE WHEN "handling_seconds" < 0 THEN 'handling_seconds: ' || "t__handling_seconds" || ' is below the minimum 0' END), '') END AS reason, c0, c1, c2, c3 FROM (SELECT "t__agent_id" AS "agent_id", "t__agent_id", CASE WHEN regexp_full_match("t__date", '\d{4}-\d{2}-\d{2}([T ]00:00(:00(\.0+)?)?)?') THEN TRY_CAST(left("t__date", 10) AS DATE) END AS "date", "t__date", "t__team" AS "team", "t__team", CASE WHEN regexp_full_match("t__staffed_seconds", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__staffed_seconds" AS BIGINT) END AS "staffed_seconds", "t__staffed_seconds", CASE WHEN regexp_full_match("t__handling_seconds", '[+-]?\d{1,18}(\.0*)?') THEN TRY_CAST("t__handling_seconds" AS BIGINT) END AS "handling_seconds", "t__handling_seconds", c0, c1, c2, c3 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') AND trim(c0) = '' THEN NULL ELSE c0 END AS "t__agent_id", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') THEN NULLIF(trim(c1), '') ELSE c1 END AS "t__date", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__team", CASE WHEN c2 = '' THEN NULL WHEN (c2 LIKE ' %' OR c2 LIKE '% ') THEN NULLIF(trim(c2), '') ELSE c2 END AS "t__staffed_seconds", CASE WHEN c3 = '' THEN NULL WHEN (c3 LIKE ' %' OR c3 LIKE '% ') THEN NULLIF(trim(c3), '') ELSE c3 END AS "t__handling_seconds", c0, c1, c2, c3 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/agent_activity.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

SELECT count(*) FROM (SELECT "agent_id", "date" FROM pulse_checked WHERE reason IS NULL GROUP BY "agent_id", "date" HAVING count(*) > 1) d
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

DELETE FROM quarantine WHERE file = ?
-- binds: [agent_activity.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

INSERT INTO spellings SELECT ?, lower("team"), arg_min("team", rowid) FROM pulse_checked WHERE reason IS NULL AND "team" IS NOT NULL AND lower("team") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("team")
-- binds: [team, team]

SELECT count(*) FROM agent_activity
-- binds: []

SELECT count(*) FROM (SELECT DISTINCT "team" AS v FROM pulse_checked WHERE reason IS NULL AND "team" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [team]

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE agent_activity
-- binds: []

ALTER TABLE pulse_checked RENAME TO agent_activity
-- binds: []

SELECT count(*) FROM agent_activity
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("review_id" AS VARCHAR) AS "review_id", CAST("ticket_id" AS VARCHAR) AS "ticket_id", CAST("agent_id" AS VARCHAR) AS "agent_id", CAST("reviewed_at" AS TIMESTAMPTZ) AS "reviewed_at", CAST("score" AS DOUBLE) AS "score", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END || ',' || CASE WHEN c2 IS NULL THEN '' WHEN regexp_matches(c2, '[",\r\n]') THEN '"' || replace(c2, '"', '""') || '"' ELSE c2 END END AS raw FROM (SELECT "review_id", "ticket_id", "agent_id", "reviewed_at", "score", CASE WHEN ("t__review_id" IS NULL) OR ((strlen("t__review_id") > 256 AND length("t__review_id") > 256)) OR ((strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256)) OR ((strlen("t__agent_id") > 256 AND length("t__agent_id") > 256)) OR ("t__reviewed_at" IS NULL) OR ("t__reviewed_at" IS NOT NULL AND "reviewed_at" IS NULL) OR ("t__score" IS NULL) OR ("t__score" IS NOT NULL AND "score" IS NULL) OR ("score" < 0) OR ("score" > 100) THEN NULLIF(concat_ws('; ', CASE WHEN "t__review_id" IS NULL THEN 'review_id: a required value is missing' END, CASE WHEN (strlen("t__review_id") > 256 AND length("t__review_id") > 256) THEN 'review_id: ' || CAST(length("t__review_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__ticket_id") > 256 AND length("t__ticket_id") > 256) THEN 'ticket_id: ' || CAST(length("t__ticket_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN (strlen("t__agent_id") > 256 AND length("t__agent_id") > 256) THEN 'agent_id: ' || CAST(length("t__agent_id") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END, CASE WHEN "t__reviewed_at" IS NULL THEN 'reviewed_at: a required value is missing' END, CASE WHEN "t__reviewed_at" IS NOT NULL AND "reviewed_at" IS NULL THEN 'reviewed_at: ''' || CASE WHEN length("t__reviewed_at") > 80 THEN left("t__reviewed_at", 80) || '...' ELSE "t__reviewed_at" END || ''' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)' END, CASE WHEN "t__score" IS NULL THEN 'score: a required value is missing' END, CASE WHEN "t__score" IS NOT NULL AND "score" IS NULL THEN 'score: ''' || CASE WHEN length("t__score") > 80 THEN left("t__score", 80) || '...' ELSE "t__score" END || ''' is not a number' END, CASE WHEN "score" < 0 THEN 'score: ' || "t__score" || ' is below the minimum 0' END, CASE WHEN "score" > 100 THEN 'score: ' || "t__score" || ' is above the maximum 100' END), '') END AS reason, c0, c1, c2 FROM (SELECT "t__review_id" AS "review_id", "t__review_id", "t__ticket_id" AS "ticket_id", "t__ticket_id", "t__agent_id" AS "agent_id", "t__agent_id", CASE WHEN "t__reviewed_at" LIKE '____-__-__%' THEN TRY_CAST("t__reviewed_at" AS TIMESTAMPTZ) END AS "reviewed_at", "t__reviewed_at", CASE WHEN regexp_full_match("t__score", '[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?') THEN TRY_CAST("t__score" AS DOUBLE) END AS "score", "t__score", c0, c1, c2 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') AND trim(c0) = '' THEN NULL ELSE c0 END AS "t__review_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__ticket_id", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') AND trim(CAST(NULL AS VARCHAR)) = '' THEN NULL ELSE CAST(NULL AS VARCHAR) END AS "t__agent_id", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') THEN NULLIF(trim(c1), '') ELSE c1 END AS "t__reviewed_at", CASE WHEN c2 = '' THEN NULL WHEN (c2 LIKE ' %' OR c2 LIKE '% ') THEN NULLIF(trim(c2), '') ELSE c2 END AS "t__score", c0, c1, c2 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/qa_reviews.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

SELECT count(*) FROM (SELECT "review_id" FROM pulse_checked WHERE reason IS NULL GROUP BY "review_id" HAVING count(*) > 1) d
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

SELECT coalesce(count_if("reviewed_at" < CAST(? AS TIMESTAMPTZ)), 0) AS before_0, CAST(min("reviewed_at") AS VARCHAR) AS earliest_0, coalesce(count_if("reviewed_at" > CAST(? AS TIMESTAMPTZ)), 0) AS after_0, CAST(max("reviewed_at") AS VARCHAR) AS latest_0 FROM pulse_checked WHERE reason IS NULL
-- binds: [1990-01-01, 2026-06-15]

DELETE FROM quarantine WHERE file = ?
-- binds: [qa_reviews.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

SELECT count(*) FROM qa_reviews
-- binds: []

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE qa_reviews
-- binds: []

ALTER TABLE pulse_checked RENAME TO qa_reviews
-- binds: []

SELECT count(*) FROM qa_reviews
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

DROP TABLE IF EXISTS pulse_rejects
-- binds: []

DROP TABLE IF EXISTS pulse_rejects_scan
-- binds: []

CREATE TABLE pulse_checked AS SELECT CAST("month" AS DATE) AS "month", CAST("amount" AS DOUBLE) AS "amount", CAST("currency" AS VARCHAR) AS "currency", reason, CASE WHEN reason IS NOT NULL THEN CASE WHEN c0 IS NULL THEN '' WHEN regexp_matches(c0, '[",\r\n]') THEN '"' || replace(c0, '"', '""') || '"' ELSE c0 END || ',' || CASE WHEN c1 IS NULL THEN '' WHEN regexp_matches(c1, '[",\r\n]') THEN '"' || replace(c1, '"', '""') || '"' ELSE c1 END END AS raw FROM (SELECT "month", "amount", "currency", CASE WHEN ("t__month" IS NULL) OR ("t__month" IS NOT NULL AND "month" IS NULL) OR ("t__amount" IS NULL) OR ("t__amount" IS NOT NULL AND "amount" IS NULL) OR ((strlen("t__currency") > 256 AND length("t__currency") > 256)) THEN NULLIF(concat_ws('; ', CASE WHEN "t__month" IS NULL THEN 'month: a required value is missing' END, CASE WHEN "t__month" IS NOT NULL AND "month" IS NULL THEN 'month: ''' || CASE WHEN length("t__month") > 80 THEN left("t__month", 80) || '...' ELSE "t__month" END || ''' is not a month (YYYY-MM, or its first day YYYY-MM-01)' END, CASE WHEN "t__amount" IS NULL THEN 'amount: a required value is missing' END, CASE WHEN "t__amount" IS NOT NULL AND "amount" IS NULL THEN 'amount: ''' || CASE WHEN length("t__amount") > 80 THEN left("t__amount", 80) || '...' ELSE "t__amount" END || ''' is not a number' END, CASE WHEN (strlen("t__currency") > 256 AND length("t__currency") > 256) THEN 'currency: ' || CAST(length("t__currency") AS VARCHAR) || ' characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)' END), '') END AS reason, c0, c1 FROM (SELECT CASE WHEN regexp_full_match("t__month", '\d{4}-\d{2}(-01)?') THEN TRY_CAST(left("t__month", 7) || '-01' AS DATE) END AS "month", "t__month", CASE WHEN regexp_full_match("t__amount", '[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?') THEN TRY_CAST("t__amount" AS DOUBLE) END AS "amount", "t__amount", "t__currency" AS "currency", "t__currency", c0, c1 FROM (SELECT CASE WHEN c0 = '' THEN NULL WHEN (c0 LIKE ' %' OR c0 LIKE '% ') THEN NULLIF(trim(c0), '') ELSE c0 END AS "t__month", CASE WHEN c1 = '' THEN NULL WHEN (c1 LIKE ' %' OR c1 LIKE '% ') THEN NULLIF(trim(c1), '') ELSE c1 END AS "t__amount", CASE WHEN CAST(NULL AS VARCHAR) = '' THEN NULL WHEN (CAST(NULL AS VARCHAR) LIKE ' %' OR CAST(NULL AS VARCHAR) LIKE '% ') THEN NULLIF(trim(CAST(NULL AS VARCHAR)), '') ELSE CAST(NULL AS VARCHAR) END AS "t__currency", c0, c1 FROM read_csv(?, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, store_rejects = true, rejects_table = 'pulse_rejects', rejects_scan = 'pulse_rejects_scan', rejects_limit = 0, max_line_size = 33554432)) t) v) w
-- binds: [<tmp>/data/costs.csv]

SELECT count(DISTINCT line) FROM "pulse_rejects" WHERE error_type = 'INVALID ENCODING'
-- binds: []

SELECT count(*) FROM (SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL AND raw IS NULL) m
-- binds: []

DELETE FROM quarantine WHERE file = ?
-- binds: [costs.csv]

SELECT rowid FROM pulse_checked WHERE reason IS NOT NULL ORDER BY rowid
-- binds: []

SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line, string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason FROM "pulse_rejects" GROUP BY line ORDER BY position
-- binds: []

INSERT INTO spellings SELECT ?, lower("currency"), arg_min("currency", rowid) FROM pulse_checked WHERE reason IS NULL AND "currency" IS NOT NULL AND lower("currency") NOT IN (SELECT key FROM spellings WHERE dimension = ?) GROUP BY lower("currency")
-- binds: [currency, currency]

SELECT count(*) FROM costs
-- binds: []

SELECT count(*) FROM (SELECT DISTINCT "currency" AS v FROM pulse_checked WHERE reason IS NULL AND "currency" IS NOT NULL) d JOIN spellings s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v
-- binds: [currency]

DELETE FROM pulse_checked WHERE reason IS NOT NULL
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN reason
-- binds: []

ALTER TABLE pulse_checked DROP COLUMN raw
-- binds: []

DROP TABLE costs
-- binds: []

ALTER TABLE pulse_checked RENAME TO costs
-- binds: []

SELECT count(*) FROM costs
-- binds: []

CHECKPOINT
-- binds: []

DROP TABLE IF EXISTS pulse_checked
-- binds: []

COPY (SELECT file, line, reason, raw FROM quarantine ORDER BY file, line) TO ? (HEADER, DELIMITER ',')
-- binds: [<tmp>/cx.quarantine.csv]
