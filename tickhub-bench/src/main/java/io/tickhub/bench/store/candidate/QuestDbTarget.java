package io.tickhub.bench.store.candidate;

import io.questdb.cairo.CairoConfiguration;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import io.questdb.log.LogFactory;
import io.questdb.std.str.Utf8Sequence;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * QuestDB embedded ({@code org.questdb:questdb}): a {@link CairoEngine} on the directory, one table
 * {@code ticks} with {@code hub_time} as its designated timestamp, partitioned by day, the symbol an
 * indexed SYMBOL column, written through the engine's {@link TableWriter} (no WAL: the direct path,
 * one writer) with a {@code commit()} per batch. Reads are SQL compiled once with bind variables
 * ({@code SAMPLE BY 1m} for bars).
 */
final class QuestDbTarget implements TickStoreTarget {
  private static final String COLUMNS = "symbol, seq, price, bid, ask, volume, provider, provider_time, hub_time, raw_id";
  // Column indexes in the table (and in every SELECT of COLUMNS).
  private static final int SYMBOL = 0, SEQ = 1, PRICE = 2, BID = 3, ASK = 4, VOLUME = 5, PROVIDER = 6,
      PROVIDER_TIME = 7, HUB_TIME = 8, RAW_ID = 9;

  private final CairoEngine engine;
  private final SqlExecutionContextImpl context;
  private final BindVariableServiceImpl binds;
  private final TableWriter writer;
  private final Map<String, RecordCursorFactory> compiled = new HashMap<>();

  private QuestDbTarget(CairoEngine engine, SqlExecutionContextImpl context, BindVariableServiceImpl binds,
                        TableWriter writer) {
    this.engine = engine;
    this.context = context;
    this.binds = binds;
    this.writer = writer;
  }

  /** QuestDB reads its log configuration once, from this classpath resource unless the property is set. */
  private static final String LOG_CONFIGURATION = "/io/tickhub/bench/store/candidate/questdb-log.conf";

  static QuestDbTarget open(Path directory) throws SqlException {
    if (System.getProperty(LogFactory.CONFIG_SYSTEM_PROPERTY) == null) {
      System.setProperty(LogFactory.CONFIG_SYSTEM_PROPERTY, LOG_CONFIGURATION);
    }
    CairoConfiguration configuration = new DefaultCairoConfiguration(directory.toAbsolutePath().toString());
    CairoEngine engine = new CairoEngine(configuration);
    try {
      BindVariableServiceImpl binds = new BindVariableServiceImpl(configuration);
      SqlExecutionContextImpl context = new SqlExecutionContextImpl(engine, 1)
          .with(AllowAllSecurityContext.INSTANCE, binds);
      engine.execute("""
          CREATE TABLE ticks (symbol SYMBOL CAPACITY 1024 CACHE INDEX, seq LONG, price DOUBLE, bid DOUBLE,
            ask DOUBLE, volume DOUBLE, provider SYMBOL, provider_time TIMESTAMP, hub_time TIMESTAMP, raw_id VARCHAR)
          TIMESTAMP(hub_time) PARTITION BY DAY BYPASS WAL""", context);
      TableWriter writer = engine.getWriter(engine.verifyTableName("ticks"), "tickhub store bench");
      return new QuestDbTarget(engine, context, binds, writer);
    } catch (SqlException | RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  @Override
  public void append(List<Quote> batch) {
    for (Quote q : batch) {
      TableWriter.Row row = writer.newRow(q.hubTimeMicros());
      row.putSym(SYMBOL, q.symbol());
      row.putLong(SEQ, q.seq());
      row.putDouble(PRICE, q.price());
      row.putDouble(BID, q.bid() == null ? Double.NaN : q.bid()); // NaN is QuestDB's null double
      row.putDouble(ASK, q.ask() == null ? Double.NaN : q.ask());
      row.putDouble(VOLUME, q.volume());
      row.putSym(PROVIDER, q.provider());
      row.putTimestamp(PROVIDER_TIME, Timestamps.micros(q.providerTime()));
      if (q.rawId() != null) {
        row.putStr(RAW_ID, q.rawId());
      }
      row.append();
    }
    writer.commit();
  }

  @Override
  public long count() throws SqlException {
    try (RecordCursor c = cursor("SELECT count() FROM ticks")) {
      c.hasNext();
      return c.getRecord().getLong(0);
    }
  }

  @Override
  public List<Quote> newest(String symbol, int count) throws SqlException {
    binds.setStr(0, symbol);
    return quotes(cursor("SELECT " + COLUMNS + " FROM ticks WHERE symbol = $1 ORDER BY hub_time DESC LIMIT " + count))
        .reversed();
  }

  @Override
  public List<Quote> history(String symbol, Instant from, Instant to, int limit) throws SqlException {
    binds.setStr(0, symbol);
    binds.setTimestamp(1, Timestamps.micros(from));
    binds.setTimestamp(2, Timestamps.micros(to));
    return quotes(cursor("SELECT " + COLUMNS + " FROM ticks WHERE symbol = $1 AND hub_time >= $2 AND hub_time < $3"
        + " ORDER BY hub_time LIMIT " + limit));
  }

  @Override
  public List<MinuteBar> minuteBars(String symbol, Instant from, Instant to) throws SqlException {
    binds.setStr(0, symbol);
    binds.setTimestamp(1, Timestamps.micros(from));
    binds.setTimestamp(2, Timestamps.micros(to));
    List<MinuteBar> bars = new ArrayList<>();
    try (RecordCursor c = cursor("SELECT hub_time, first(price), max(price), min(price), last(price), sum(volume),"
        + " count() FROM ticks WHERE symbol = $1 AND hub_time >= $2 AND hub_time < $3 SAMPLE BY 1m ALIGN TO CALENDAR")) {
      Record r = c.getRecord();
      while (c.hasNext()) {
        bars.add(new MinuteBar(micros(r.getTimestamp(0)), r.getDouble(1), r.getDouble(2), r.getDouble(3),
            r.getDouble(4), r.getDouble(5), r.getLong(6)));
      }
    }
    return bars;
  }

  /** The statement's cursor with the binds as set now; each statement is compiled once. */
  private RecordCursor cursor(String sql) throws SqlException {
    RecordCursorFactory factory = compiled.get(sql);
    if (factory == null) {
      factory = engine.select(sql, context);
      compiled.put(sql, factory);
    }
    return factory.getCursor(context);
  }

  private static List<Quote> quotes(RecordCursor c) {
    List<Quote> out = new ArrayList<>();
    try (c) {
      Record r = c.getRecord();
      while (c.hasNext()) {
        double bid = r.getDouble(BID);
        double ask = r.getDouble(ASK);
        Utf8Sequence rawId = r.getVarcharA(RAW_ID);
        out.add(new Quote(r.getSymA(SYMBOL).toString(), r.getDouble(PRICE), Double.isNaN(bid) ? null : bid,
            Double.isNaN(ask) ? null : ask, r.getDouble(VOLUME), r.getSymA(PROVIDER).toString(),
            micros(r.getTimestamp(PROVIDER_TIME)), micros(r.getTimestamp(HUB_TIME)), r.getLong(SEQ),
            rawId == null ? null : rawId.toString()));
      }
    }
    return out;
  }

  private static Instant micros(long epochMicros) {
    return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1_000L);
  }

  @Override
  public void close() {
    compiled.values().forEach(RecordCursorFactory::close);
    writer.close();
    context.close();
    engine.close();
  }
}
