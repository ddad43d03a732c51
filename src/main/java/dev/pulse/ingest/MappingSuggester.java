package dev.pulse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code pulse import --suggest-mapping FILE}: a starting mapping file from a CSV's header. It sniffs
 * the separator and the encoding, guesses which contract file the CSV is, and maps each contract field
 * to the column whose name matches it or a common help-desk spelling of it; the rest is left as
 * comments for the user to fill in.
 */
public final class MappingSuggester {
    /** Common spellings of a contract field in exports, compared without case, spaces or punctuation. */
    private static final Map<String, List<String>> SPELLINGS = new LinkedHashMap<>();

    static {
        SPELLINGS.put("ticket_id", List.of("ticketid", "ticketnumber", "ticketno", "id", "caseid", "casenumber", "ticket"));
        SPELLINGS.put("account_id", List.of("accountid", "companyid", "organizationid", "orgid", "customerid", "company", "organization",
                "organisation", "account", "customer"));
        SPELLINGS.put("created_at", List.of("createdat", "createdtime", "created", "datecreated", "creationdate", "openedat", "opened", "createddate"));
        SPELLINGS.put("first_response_at", List.of("firstresponseat", "firstrespondedat", "firstreplyat", "firstresponsedate"));
        SPELLINGS.put("resolved_at", List.of("resolvedat", "resolvedtime", "resolved", "resolveddate", "solvedat", "closedat", "closedtime", "closed",
                "dateclosed"));
        SPELLINGS.put("priority", List.of("priority", "urgency", "severity"));
        SPELLINGS.put("channel", List.of("channel", "source", "via", "viachannel", "origin"));
        SPELLINGS.put("category", List.of("category", "type", "tickettype", "issuetype", "topic"));
        SPELLINGS.put("product", List.of("product", "productname"));
        SPELLINGS.put("agent_id", List.of("agentid", "agent", "assignee", "assigneeid", "assignedto"));
        SPELLINGS.put("contact_id", List.of("contactid", "requesterid", "requester", "contact"));
        SPELLINGS.put("escalated", List.of("escalated", "isescalated"));
        SPELLINGS.put("reopens", List.of("reopens", "reopencount", "reopened"));
        SPELLINGS.put("response_id", List.of("responseid", "response", "surveyresponseid"));
        SPELLINGS.put("responded_at", List.of("respondedat", "recordeddate", "enddate", "submittedat", "submitted", "datesubmitted", "responsedate"));
        SPELLINGS.put("score", List.of("score", "rating", "nps", "npsscore", "likelihoodtorecommend", "csat"));
        SPELLINGS.put("comment", List.of("comment", "comments", "feedback", "reason", "verbatim", "whyscore"));
        SPELLINGS.put("contact_email", List.of("contactemail", "email", "recipientemail", "emailaddress"));
        SPELLINGS.put("email", List.of("email", "emailaddress", "mail"));
        SPELLINGS.put("name", List.of("name", "fullname", "companyname", "contactname"));
        SPELLINGS.put("segment", List.of("segment", "customersegment"));
        SPELLINGS.put("tier", List.of("tier", "partnertier", "level"));
        SPELLINGS.put("language", List.of("language", "locale", "lang"));
    }

    private MappingSuggester() {
    }

    /** The mapping file's text (YAML) for a CSV. */
    public static String suggest(Path csv) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(csv)) {
            head = in.readNBytes(65_536);
        }
        Charset encoding = isUtf8(head) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        String text = new String(head, encoding);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char separator = separator(firstLine);
        List<String> header = split(firstLine, separator);
        FileSpec target = guessTarget(header);
        StringBuilder yaml = new StringBuilder();
        yaml.append("# A starting mapping for ").append(csv.getFileName()).append(" (pulse import --suggest-mapping): check each line,\n")
                .append("# then: pulse import ").append(csv.getFileName()).append(" --mapping this.yaml --db cx.duckdb [--dry-run]\n");
        yaml.append("file: ").append(target.fileName().replace(".csv", "")).append("   # one of ").append(String.join(", ", DataContract.FILES.stream()
                .map(f -> f.fileName().replace(".csv", "")).toList())).append('\n');
        yaml.append("encoding: ").append(encoding.name()).append('\n');
        yaml.append("separator: ").append(quote(separator == '\t' ? "\\t" : String.valueOf(separator))).append('\n');
        yaml.append("# timezone: America/Santiago   # for date-times without an offset (default: pulse.yaml's timezone)\n");
        yaml.append("columns:\n");
        Set<String> used = new LinkedHashSet<>();
        for (ColumnSpec column : target.columns()) {
            String match = match(column.name(), header, used);
            if (match != null) {
                used.add(match);
                yaml.append("  ").append(column.name()).append(": ").append(quote(match));
                if (column.type() == ColumnType.TIMESTAMP || column.type() == ColumnType.DATE) {
                    yaml.append("   # ISO-8601 expected; else {column: ").append(quote(match)).append(", format: \"dd/MM/yyyy HH:mm\"}");
                }
                yaml.append('\n');
            } else {
                yaml.append("  # ").append(column.name()).append(": ").append(column.required() ? "REQUIRED: which column?" : "(optional)").append('\n');
            }
        }
        List<String> rest = header.stream().filter(h -> !used.contains(h)).toList();
        if (!rest.isEmpty()) {
            yaml.append("# columns of the CSV not mapped: ").append(String.join(", ", rest)).append('\n');
        }
        yaml.append("# constants:          # fields with one value for every row, e.g.\n#   channel: email\n");
        return yaml.toString();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, safeEnd(bytes)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The end of the sample without a UTF-8 sequence cut in two by the 64 KB limit. */
    private static int safeEnd(byte[] bytes) {
        int end = bytes.length;
        for (int back = 0; back < 3 && end - back - 1 >= 0; back++) {
            int b = bytes[end - back - 1] & 0xFF;
            if (b >= 0xC0) {
                return end - back - 1;
            }
            if (b < 0x80) {
                break;
            }
        }
        return end;
    }

    /** The most frequent of , ; tab | outside quotes in the header line (a comma when none is there). */
    static char separator(String line) {
        char best = ',';
        int most = 0;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == candidate && !quoted) {
                    count++;
                }
            }
            if (count > most) {
                most = count;
                best = candidate;
            }
        }
        return best;
    }

    private static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == separator && !quoted) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private static String normal(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The header column for a contract field: its own name, else the first common spelling present. */
    private static String match(String field, List<String> header, Set<String> used) {
        List<String> wanted = new ArrayList<>(List.of(normal(field)));
        wanted.addAll(SPELLINGS.getOrDefault(field, List.of()));
        for (String spelling : wanted) {
            for (String column : header) {
                if (!used.contains(column) && normal(column).equals(spelling)) {
                    return column;
                }
            }
        }
        return null;
    }

    /** The contract file most of whose required fields the header has (tickets on a tie). */
    private static FileSpec guessTarget(List<String> header) {
        FileSpec best = DataContract.TICKETS;
        double bestScore = -1;
        for (FileSpec spec : DataContract.FILES) {
            long required = spec.columns().stream().filter(ColumnSpec::required).count();
            long found = spec.columns().stream().filter(ColumnSpec::required).filter(c -> match(c.name(), header, Set.of()) != null).count();
            long any = spec.columns().stream().filter(c -> match(c.name(), header, Set.of()) != null).count();
            double score = (double) found / Math.max(1, required) + 0.01 * any + (spec == DataContract.TICKETS ? 0.001 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = spec;
            }
        }
        return best;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
