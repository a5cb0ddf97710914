package io.tickhub.server.deploy;

import java.util.List;
import java.util.Map;

/**
 * One Tickhub container as deploy/ declares it: a compose service or a Kubernetes Deployment's pod.
 *
 * @param name          the service or Deployment name
 * @param image         its image reference
 * @param environment   the environment the container gets (compose variables interpolated, ConfigMap,
 *                      Secrets and the pod's own fields resolved)
 * @param args          arguments after the image's command (Kubernetes {@code args})
 * @param memoryLimit   the container's memory limit in bytes, which the JVM sees as the machine's memory
 * @param replicas      how many of it run
 * @param probePaths    the HTTP paths of its Kubernetes probes (startup, liveness, readiness)
 * @param healthCommand its compose healthcheck command ({@code CMD} arguments)
 */
record DeployedRole(String name, String image, Map<String, String> environment, List<String> args,
                    long memoryLimit, int replicas, List<String> probePaths, List<String> healthCommand) {

    /** The role the container says it has. */
    String roles() {
        return environment.getOrDefault("TICKHUB_ROLES", "all");
    }
}
