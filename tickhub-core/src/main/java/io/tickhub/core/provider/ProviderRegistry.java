package io.tickhub.core.provider;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every provider the hub knows, by name: the enabled ones with their implementation, the disabled
 * ones with the reason (a missing API key disables only its provider). Adding a provider is one
 * class and one {@code register} call in the wiring. Thread-safe; filled at start-up, read after.
 */
public final class ProviderRegistry {

    /** A provider as the registry knows it; {@code impl} is null when disabled. */
    public record Entry(String name, ProviderKind kind, Object impl, String disabledReason) {
        public boolean enabled() {
            return disabledReason == null;
        }
    }

    private final ConcurrentSkipListMap<String, Entry> byName = new ConcurrentSkipListMap<>();
    private final ProviderStatusBoard status;

    public ProviderRegistry(ProviderStatusBoard status) {
        this.status = status;
    }

    public void register(PollingProvider provider) {
        add(new Entry(provider.name(), ProviderKind.POLLING, provider, null));
        status.idle(provider.name()); // until a job polls it: enabled is not starting

    }

    public void register(StreamingProvider provider) {
        add(new Entry(provider.name(), ProviderKind.STREAMING, provider, null));
        status.starting(provider.name());
    }

    /** A provider that produces its own data (simulator, replay): listed, never polled. */
    public void registerSource(String name) {
        add(new Entry(name, ProviderKind.SOURCE, null, null));
    }

    /** Known but switched off; jobs naming it are refused, stored ones wait. {@code reason} must not hold secrets. */
    public void disable(String name, ProviderKind kind, String reason) {
        add(new Entry(name, kind, null, reason));
        status.disabled(name, reason);
    }

    private void add(Entry entry) {
        if (byName.putIfAbsent(entry.name(), entry) != null) {
            throw new IllegalStateException("two providers named " + entry.name());
        }
    }

    public Optional<Entry> get(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Optional<PollingProvider> polling(String name) {
        return get(name).filter(e -> e.impl() instanceof PollingProvider).map(e -> (PollingProvider) e.impl());
    }

    public Optional<StreamingProvider> streaming(String name) {
        return get(name).filter(e -> e.impl() instanceof StreamingProvider).map(e -> (StreamingProvider) e.impl());
    }

    /** Every known provider, by name. */
    public List<Entry> all() {
        return List.copyOf(byName.values());
    }

    /** Names of providers a job may name: enabled polling and streaming ones. */
    public List<String> jobProviders() {
        return byName.values().stream()
                .filter(e -> e.kind() != ProviderKind.SOURCE && e.enabled())
                .map(Entry::name).toList();
    }
}
