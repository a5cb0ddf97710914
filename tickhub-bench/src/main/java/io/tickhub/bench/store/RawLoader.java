package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** A plain bulk load of price points: the ceiling a store's writer path is compared with. */
public interface RawLoader {

  /** How the report names this load. */
  String label();

  void load(DataSource dataSource, List<Quote> quotes) throws SQLException;
}
