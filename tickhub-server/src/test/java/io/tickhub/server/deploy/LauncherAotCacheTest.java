package io.tickhub.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tickhub}'s choice of an AOT cache (docs/operations.md, "Start-up with an AOT cache"),
 * run as written in a copy of the repository's {@code bin/} whose only JDK is a stand-in that prints
 * the command line it was given: the cache and its extracted jar while the packaged jar is the one
 * it was trained on (the cksum the training kept); the packaged jar, and a word on stderr, once the
 * jar was rebuilt, whatever its date; neither with {@code TICKHUB_AOT=off} or another jar named.
 */
class LauncherAotCacheTest {

    private static final Path REPOSITORY = Path.of("..");

    @TempDir
    Path temp;
    /** With a space in it: the cache's path is one argument however the repository is named. */
    private Path root;
    private Path jar;
    private Path cache;

    @BeforeEach
    void repository() throws IOException {
        root = Files.createDirectories(temp.resolve("a repository"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        for (String script : List.of("tickhub", "java")) {
            Files.copy(REPOSITORY.resolve("bin").resolve(script), bin.resolve(script));
        }
        Path jdkBin = Files.createDirectories(root.resolve("jdk/bin"));
        Path java = jdkBin.resolve("java");
        // Answers bin/java's version probe as a JDK 99, and otherwise prints its arguments one per line.
        Files.writeString(java, """
                #!/usr/bin/env bash
                if [ "$1" = "-XshowSettings:properties" ]; then echo "    java.specification.version = 99" >&2; exit 0; fi
                printf '%s\\n' "$@"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.createDirectories(root.resolve("tickhub-server/target")).resolve("tickhub-exec.jar");
        Files.writeString(jar, "jar");
        cache = root.resolve("tickhub-server/target/aot/tickhub.aot");
    }

    @Test
    void withoutACacheThePackagedJarRuns() throws Exception {
        Run run = launch(Map.of());

        assertThat(run.args()).containsSubsequence("-jar", jar.toString()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void aCacheTrainedOnThisJarRunsWithItsExtractedJar() throws Exception {
        trainedOnTheJar();

        Run run = launch(Map.of());

        assertThat(run.args()).contains("-XX:AOTCache=" + cache)
                .containsSubsequence("-jar", cache.resolveSibling("tickhub-exec.jar").toString());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aCacheTrainedOnAnotherBuildIsNotUsedAndSaidSoEvenWhenTheJarLooksOlder() throws Exception {
        trainedOnTheJar();
        Files.writeString(jar, "a rebuilt jar");
        // Copied in with the timestamp it was built with: older than the cache.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));

        Run run = launch(Map.of());

        assertThat(run.args()).containsSubsequence("-jar", jar.toString()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(run.err()).contains("trained on another build of the jar", "aot-train.sh");
    }

    @Test
    void aCacheWithoutTheChecksumOfItsJarIsNotUsed() throws Exception {
        trainedOnTheJar();
        Files.delete(cache.resolveSibling("tickhub.aot.jar-cksum"));

        assertThat(launch(Map.of()).args()).containsSubsequence("-jar", jar.toString())
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void anEmptyChecksumIsNotTakenForAMatch() throws Exception {
        // What a cksum that failed would also give: nothing to compare must not read as equal.
        trainedOnTheJar();
        Files.writeString(cache.resolveSibling("tickhub.aot.jar-cksum"), "");

        assertThat(launch(Map.of()).args()).containsSubsequence("-jar", jar.toString())
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void theCacheIsLeftAloneWhenTurnedOffOrAnotherJarIsNamed() throws Exception {
        trainedOnTheJar();
        Path other = Files.writeString(root.resolve("other.jar"), "jar");

        assertThat(launch(Map.of("TICKHUB_AOT", "off")).args())
                .containsSubsequence("-jar", jar.toString()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
        assertThat(launch(Map.of("TICKHUB_JAR", other.toString())).args())
                .containsSubsequence("-jar", other.toString()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    /** What aot-train.sh leaves: the extracted jar, the cache, and the packaged jar's cksum beside it. */
    private void trainedOnTheJar() throws Exception {
        Files.createDirectories(cache.getParent());
        Files.writeString(cache.resolveSibling("tickhub-exec.jar"), "extracted jar");
        Files.writeString(cache, "cache");
        Process cksum = new ProcessBuilder("cksum").redirectInput(jar.toFile()).start();
        String sum = new String(cksum.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cksum.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(cache.resolveSibling("tickhub.aot.jar-cksum"), sum);
    }

    private record Run(List<String> args, String err) {
    }

    private Run launch(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/tickhub").toString(), "--server.port=1");
        builder.environment().keySet().removeIf(k -> k.startsWith("TICKHUB_") || k.equals("JAVA_HOME"));
        builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        // Only the stand-in JDK: the machine's own under /usr/lib/jvm are older than 99.
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return new Run(out.lines().toList(), err);
    }
}
