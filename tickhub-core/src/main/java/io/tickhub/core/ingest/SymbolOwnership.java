package io.tickhub.core.ingest;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Which symbols this ingest node may sequence, when several share the work (a cluster): symbols
 * are split into numbered partitions, and a node sequences a symbol only while it holds the
 * symbol's partition. Whoever hands out the partitions (the Kafka adapter) calls {@link #take} and
 * {@link #release} through {@link IngestPipeline#runOnSequencer}, so the owned set, like every
 * seq, has one writer: the sequencer thread. A quote already in the ring when its partition is
 * released is refused when its turn comes; nothing sequenced after a release is published.
 *
 * <p>A node owns nothing until its first {@link #take}: its quotes are refused
 * ({@link RejectReason#NOT_OWNER}) until it knows where each of its symbols' numbering stands.
 */
public final class SymbolOwnership implements FeedGate {

    private final ToIntFunction<String> partitionOf;
    /** Sequencer thread only. */
    private final BitSet owned = new BitSet();
    /** Sequencer thread only: the partition function is computed once per symbol. */
    private final Map<String, Integer> partitionBySymbol = new HashMap<>();

    /**
     * @param partitionOf the partition of a (normalised) symbol: the same function that decides
     *                    where the bus puts its quotes. Pure; called from any thread.
     */
    public SymbolOwnership(ToIntFunction<String> partitionOf) {
        this.partitionOf = Objects.requireNonNull(partitionOf, "partitionOf");
    }

    /** The partition {@code symbol} (normalised) belongs to. Any thread. */
    public int partitionOf(String symbol) {
        return partitionOf.applyAsInt(symbol);
    }

    @Override
    public boolean admit(String symbol, String provider) {
        return refusal(symbol, provider) == null;
    }

    /** Sequencer thread only. */
    @Override
    public RejectReason refusal(String symbol, String provider) {
        int partition = partitionBySymbol.computeIfAbsent(symbol, partitionOf::applyAsInt);
        return owned.get(partition) ? null : RejectReason.NOT_OWNER;
    }

    /**
     * Sequencer thread only. From now on this node sequences the symbols of {@code partitions};
     * each symbol in {@code lastSeqs} continues after the seq given there (the last one its
     * previous owner published), before any of its quotes is accepted.
     */
    public void take(Sequencer sequencer, Collection<Integer> partitions, Map<String, Long> lastSeqs) {
        lastSeqs.forEach(sequencer::resumeAfter);
        partitions.forEach(owned::set);
    }

    /** Sequencer thread only. From now on quotes of the symbols of {@code partitions} are refused. */
    public void release(Collection<Integer> partitions) {
        partitions.forEach(owned::clear);
    }

    /** Sequencer thread only. Whether this node sequences {@code symbol} (normalised) now. */
    public boolean owns(String symbol) {
        return refusal(symbol, "") == null;
    }
}
