package io.tickhub.server.http.api;

import java.util.List;

/** Every symbol the hub knows, sorted. */
public record SymbolList(List<SymbolView> symbols) {
}
