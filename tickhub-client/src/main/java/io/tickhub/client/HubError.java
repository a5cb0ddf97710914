package io.tickhub.client;

import java.util.List;

/**
 * An {@code error} frame from the hub (its codes are stable, see docs/protocol.md): the
 * connection stays. {@code symbols} is empty unless the error names some ({@code upstream_limit}).
 */
public record HubError(String code, String message, List<String> symbols) implements StreamEvent {
}
