package io.tickhub.core.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The provider names journal records refer to by number: one name per line of a file, the line
 * number its id. A name is on disk (written and forced) before any record uses its id, so every
 * id a record holds resolves after any crash. Ids are added by the journal's one writer; read by
 * any thread.
 */
final class ProviderNames {

    /** Records checked per symbol at start-up for provider ids this file does not name. */
    private static final int CHECKED = 64;

    private final Path file;
    private final Map<String, Integer> ids = new HashMap<>();
    private volatile List<String> names;
    /** The writer's last lookup, compared by identity. */
    private String lastName;
    private int lastId;

    private ProviderNames(Path file, List<String> names) {
        this.file = file;
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
    }

    static ProviderNames open(Path file) throws IOException {
        List<String> names = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        // A line cut short by a crash was never referred to (the name is forced before use): drop it.
        List<String> whole = new ArrayList<>(names);
        if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file)) {
            whole.removeLast();
            rewrite(file, whole);
        }
        return new ProviderNames(file, whole);
    }

    /** Writer only. The id of {@code name}, adding it (durably) first when new. */
    int idOf(String name) {
        if (name == lastName) {
            return lastId; // a feed's quotes all carry its one name: no hashing, no map
        }
        Integer id = ids.get(name);
        if (id != null) {
            lastName = name;
            lastId = id;
            return id;
        }
        if (name.isEmpty() || name.contains("\n") || names.size() >= 0xFFFF) {
            throw new IllegalArgumentException("not a provider name the journal can keep: '" + name + "'");
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record provider name " + name + " in " + file, e);
        }
        List<String> grown = new ArrayList<>(names);
        grown.add(name);
        names = List.copyOf(grown);
        ids.put(name, grown.size() - 1);
        return grown.size() - 1;
    }

    /** How many names there are. */
    int size() {
        return names.size();
    }

    /** Any thread: the id of a name already recorded, without adding it. */
    OptionalInt find(String name) {
        List<String> current = names;
        int id = current.indexOf(name);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The name of {@code id}; {@code unknown#<id>} for an id this file lacks (it was lost), so reads never fail. */
    String name(int id) {
        List<String> current = names;
        return id < current.size() ? current.get(id) : "unknown#" + id;
    }

    /** Whether every provider id used at the end of these symbols' records has its name here. */
    boolean namesEveryId(Iterable<SymbolTicks> symbols) {
        int known = names.size();
        for (SymbolTicks ticks : symbols) {
            long end = ticks.count();
            for (long i = Math.max(ticks.firstIndex(), end - CHECKED); i < end; i++) {
                if (ticks.providerIdAt(i) >= known) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static void rewrite(Path file, List<String> names) throws IOException {
        StringBuilder text = new StringBuilder();
        names.forEach(n -> text.append(n).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
