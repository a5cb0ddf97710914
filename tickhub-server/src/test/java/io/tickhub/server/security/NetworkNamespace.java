package io.tickhub.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, joined to this machine by a veth pair on a private /30
 * the test picks (10.213.X.1 here, 10.213.X.2 in the namespace) and checks is unused, so a client
 * can reach the hub from an address that is not loopback without sending anything to the
 * machine's own network addresses. Needs root and iproute2; {@link #available()} says whether this
 * machine allows it. {@link #close()} deletes both (deleting the namespace deletes the pair).
 */
final class NetworkNamespace implements AutoCloseable {

    /** What a command printed and how it ended. */
    record Result(int exit, String output) {
    }

    private final String name;
    private final String hostLink;
    private final String hostAddress;
    private final String namespaceAddress;

    private NetworkNamespace(String name, String hostLink, String hostAddress, String namespaceAddress) {
        this.name = name;
        this.hostLink = hostLink;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /** Root, {@code ip} and {@code curl} present, and a namespace can be created and deleted. */
    static boolean available() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        String probe = "thk-probe-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        if (run("ip", "netns", "add", probe).exit() != 0) {
            return false;
        }
        run("ip", "netns", "del", probe);
        return run("curl", "--version").exit() == 0;
    }

    static NetworkNamespace create() {
        String suffix = Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xf000));
        String inUse = run("ip", "-4", "-o", "addr").output() + run("ip", "-4", "route").output();
        int net = -1;
        for (int attempt = 0; attempt < 50 && net < 0; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(256);
            if (!inUse.contains("10.213." + candidate + ".")) {
                net = candidate;
            }
        }
        if (net < 0) {
            throw new IllegalStateException("no free 10.213.X.0/30 found");
        }
        NetworkNamespace ns = new NetworkNamespace("thk-ns-" + suffix, "thk" + suffix + "h",
                "10.213." + net + ".1", "10.213." + net + ".2");
        String peer = "thk" + suffix + "n";
        try {
            must("ip", "netns", "add", ns.name);
            must("ip", "link", "add", ns.hostLink, "type", "veth", "peer", "name", peer);
            must("ip", "link", "set", peer, "netns", ns.name);
            must("ip", "addr", "add", ns.hostAddress + "/30", "dev", ns.hostLink);
            must("ip", "link", "set", ns.hostLink, "up");
            must("ip", "netns", "exec", ns.name, "ip", "addr", "add", ns.namespaceAddress + "/30", "dev", peer);
            must("ip", "netns", "exec", ns.name, "ip", "link", "set", peer, "up");
            must("ip", "netns", "exec", ns.name, "ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The machine's end of the pair: where the namespace reaches the hub. */
    String hostAddress() {
        return hostAddress;
    }

    String namespaceAddress() {
        return namespaceAddress;
    }

    /** {@code curl} inside the namespace: the body, then the status on a line of its own. */
    Result curl(String url, String... headers) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "curl", "-s", "-m", "10",
                "-w", "\n%{http_code}"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        return run(command.toArray(String[]::new));
    }

    @Override
    public void close() {
        run("ip", "link", "del", hostLink);
        run("ip", "netns", "del", name);
    }

    private static void must(String... command) {
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exit() + "): "
                    + result.output());
        }
    }

    static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
