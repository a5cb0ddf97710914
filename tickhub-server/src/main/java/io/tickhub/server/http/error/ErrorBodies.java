package io.tickhub.server.http.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The two error shapes Tickhub speaks, chosen by route:
 * <ul>
 *   <li>compatibility routes (the five systems' paths): FastAPI's {@code {"detail": "..."}},
 *       and for 422 FastAPI's list of failures {@code {"detail": [{type, loc, msg, input}]}};</li>
 *   <li>native {@code /api/v1} routes: RFC 9457 {@code application/problem+json} with a string
 *       {@code detail} (so a FastAPI-style client still finds it) and the failures under
 *       {@code errors}.</li>
 * </ul>
 */
public final class ErrorBodies {

    /** System E's routes live under /api/v1 too; they keep E's error shape. */
    private static final String SYSTEM_E_ROUTES = "/api/v1/tickers";

    private ErrorBodies() {
    }

    public static boolean isNativeRoute(String path) {
        boolean systemE = path.equals(SYSTEM_E_ROUTES) || path.startsWith(SYSTEM_E_ROUTES + "/");
        return path.startsWith("/api/v1/") && !systemE;
    }

    public static MediaType contentType(String path) {
        return isNativeRoute(path) ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
    }

    /** The name of the OpenAPI schema of the route's error body: {@code Problem} or {@code FastApiError}. */
    public static String schemaName(String path) {
        return isNativeRoute(path) ? "Problem" : "FastApiError";
    }

    public static Map<String, Object> body(String path, HttpStatusCode status, String title, String detail,
                                           List<InvalidParam> invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (isNativeRoute(path)) {
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", status.value());
            body.put("detail", detail);
            body.put("instance", path);
            if (!invalid.isEmpty()) {
                body.put("errors", invalid);
            }
        } else {
            body.put("detail", invalid.isEmpty() ? detail : invalid);
        }
        return body;
    }
}
