package dev.pulse.generate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * A data folder of survey answers that all carry a comment (accounts.csv and surveys.csv only),
 * for measuring the comment analysis at volume: the demo's comment mix, one year of answers.
 */
public final class CommentCorpus {
    private CommentCorpus() {
    }

    public static void write(Path folder, long comments, long seed) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(seed);
        int accounts = 2000;
        try (Writer out = Files.newBufferedWriter(folder.resolve("accounts.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("account_id", "type", "segment").get().print(out)) {
            for (int i = 0; i < accounts; i++) {
                csv.printRecord(String.format("A%05d", i), i % 8 == 0 ? "partner" : "customer", i % 8 == 0 ? null : "SMB");
            }
        }
        LocalDate first = LocalDate.of(2024, 1, 1);
        try (Writer out = Files.newBufferedWriter(folder.resolve("surveys.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("response_id", "account_id", "kind", "responded_at", "score", "comment")
                     .get().print(out)) {
            long written = 0;
            while (written < comments) {
                double satisfaction = random.nextDouble();
                int account = random.nextInt(accounts);
                String comment = Comments.comment(random, satisfaction, random.nextDouble() < 0.62, account % 8 == 0, random.nextDouble());
                if (comment == null) {
                    continue;
                }
                written++;
                ZonedDateTime when = first.plusDays(random.nextInt(366)).atTime(9 + random.nextInt(9), random.nextInt(60))
                        .atZone(ZoneOffset.UTC);
                csv.printRecord(String.format("R%09d", written), String.format("A%05d", account), "nps",
                        when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), (int) Math.round(10 * satisfaction), comment);
            }
        }
    }
}
