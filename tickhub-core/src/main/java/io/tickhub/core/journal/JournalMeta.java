package io.tickhub.core.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The journal's {@code journal.properties}: its epoch, whether the hub that last wrote it stopped
 * cleanly, and the machine boot it ran in. Replaced atomically (write, force, rename).
 *
 * @param bootId the kernel's boot id while the journal was open ({@code unknown} where there is none)
 */
record JournalMeta(StreamEpoch epoch, boolean open, String bootId) {

    static final String FILE = "journal.properties";

    static Optional<JournalMeta> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String epoch = p.getProperty("epoch");
        if (!StreamEpoch.isValid(epoch)) {
            return Optional.empty();
        }
        return Optional.of(new JournalMeta(new StreamEpoch(epoch), "open".equals(p.getProperty("state")),
                p.getProperty("boot-id", "unknown")));
    }

    void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("epoch", epoch.id());
        p.setProperty("state", open ? "open" : "closed");
        p.setProperty("boot-id", bootId);
        StringWriter text = new StringWriter();
        p.store(text, "Tickhub tick journal: delete this file (or the directory) to start a new stream epoch");
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Not every file system lets a directory be forced; the rename is then as durable as it gets.
        }
    }

    /** This boot of the machine: a process crash keeps it, a power loss or reboot does not. */
    static String currentBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
