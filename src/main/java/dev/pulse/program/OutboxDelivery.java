package dev.pulse.program;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static java.util.Objects.requireNonNull;

/**
 * An outbox folder: one RFC 5322 {@code <id>.eml} file per message, written whole to a temporary
 * file and then renamed, so that a file in the outbox is always complete and a resumed send sees
 * which messages are already there.
 */
public final class OutboxDelivery implements Delivery {
    private final Path folder;

    public OutboxDelivery(Path folder) throws IOException {
        this.folder = requireNonNull(folder, "folder is null");
        Files.createDirectories(folder);
    }

    @Override
    public String kind() {
        return "outbox";
    }

    private Path file(String id) {
        return folder.resolve(id + ".eml");
    }

    @Override
    public boolean delivered(String id) {
        return Files.exists(file(id));
    }

    @Override
    public void deliver(String id, MimeMessage message) throws DeliveryException {
        Path target = file(id);
        Path temp = folder.resolve("." + id + ".eml.tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                message.writeTo(out);
            }
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            throw new DeliveryException(target + ": could not be written (" + e.getMessage() + ")", false, e);
        }
    }
}
