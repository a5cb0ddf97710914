package io.tickhub.server.store;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresSmokeTest {
    @Test
    void startsAndAnswers() throws Exception {
        var server = EmbeddedPostgresServer.shared();
        String url = server.freshDatabase();
        try (var c = server.dataSource(url).getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            assertThat(rs.getString(1)).contains("PostgreSQL 17");
        }
    }
}
