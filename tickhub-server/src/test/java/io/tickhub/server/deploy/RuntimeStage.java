package io.tickhub.server.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last stage of deploy/Dockerfile, the image that runs: what it copies from the build stage,
 * the directory and user it runs in, its environment and its command (ENTRYPOINT then CMD, exec
 * form). Only the instructions that stage uses are understood; any other one fails the read, so a
 * change to the Dockerfile cannot slip past the tests that start its command.
 *
 * @param buildWorkdir   the build stage's WORKDIR, where {@code COPY . .} put the repository
 * @param artifact       what the runtime stage copies from the build stage, as a path in the build stage
 * @param artifactTarget where it lands in the image
 * @param workdir        the runtime stage's WORKDIR
 * @param user           its USER
 * @param run            its RUN lines
 * @param env            its ENV
 * @param command        ENTRYPOINT followed by CMD
 */
record RuntimeStage(String buildWorkdir, String artifact, String artifactTarget, String workdir, String user,
                    List<String> run, Map<String, String> env, List<String> command) {

    private static final Pattern COPY_FROM_BUILD = Pattern.compile("--from=(\\S+)\\s+(\\S+)\\s+(\\S+)");
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    static RuntimeStage read(Path dockerfile) throws IOException {
        List<String> lines = instructions(Files.readString(dockerfile));
        String buildStage = null;
        String buildWorkdir = null;
        int runtimeStart = -1;
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\\s+");
            if (parts[0].equals("FROM")) {
                runtimeStart = i;
                if (parts.length == 4 && parts[2].equalsIgnoreCase("AS")) {
                    buildStage = parts[3];
                }
            } else if (parts[0].equals("WORKDIR") && runtimeStart >= 0 && buildWorkdir == null) {
                buildWorkdir = parts[1];
            }
        }
        String artifact = null;
        String target = null;
        String workdir = null;
        String user = null;
        List<String> run = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        for (String line : lines.subList(runtimeStart + 1, lines.size())) {
            String keyword = line.split("\\s+", 2)[0];
            String rest = line.substring(keyword.length()).trim();
            switch (keyword) {
                case "COPY" -> {
                    Matcher m = COPY_FROM_BUILD.matcher(rest);
                    if (!m.matches() || !m.group(1).equals(buildStage)) {
                        throw new IllegalStateException("runtime stage copies something other than one build artifact: " + line);
                    }
                    artifact = m.group(2);
                    target = m.group(3);
                }
                case "WORKDIR" -> workdir = rest;
                case "USER" -> user = rest;
                case "RUN" -> run.add(rest);
                case "ENV" -> {
                    Matcher m = ENV_PAIR.matcher(rest);
                    while (m.find()) {
                        env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                    }
                }
                case "EXPOSE" -> { }
                case "ENTRYPOINT" -> entrypoint = execForm(line, rest);
                case "CMD" -> cmd = execForm(line, rest);
                default -> throw new IllegalStateException("instruction the image test does not follow: " + line);
            }
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return new RuntimeStage(buildWorkdir, artifact, target, workdir, user, List.copyOf(run), env, List.copyOf(command));
    }

    /** Where the artifact is in this checkout: the build stage copied the repository into its WORKDIR. */
    Path artifactIn(Path repository) {
        String prefix = buildWorkdir.endsWith("/") ? buildWorkdir : buildWorkdir + "/";
        if (!artifact.startsWith(prefix)) {
            throw new IllegalStateException(artifact + " is not under the build stage's WORKDIR " + buildWorkdir);
        }
        return repository.resolve(artifact.substring(prefix.length()));
    }

    private static List<String> execForm(String line, String json) {
        if (!json.startsWith("[")) {
            throw new IllegalStateException("shell form: the JVM would not get SIGTERM as PID 1 (use the exec form): " + line);
        }
        return JsonMapper.builder().build().readValue(json, new TypeReference<List<String>>() { });
    }

    /** Instructions one per line: comments dropped, continuation lines joined. */
    private static List<String> instructions(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().strip());
            current.setLength(0);
        }
        return out;
    }
}
