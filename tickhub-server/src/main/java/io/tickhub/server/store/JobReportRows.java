package io.tickhub.server.store;

import io.tickhub.core.jobs.JobReport;
import io.tickhub.core.jobs.JobStatus;
import io.tickhub.core.jobs.SymbolPollStatus;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job report's columns on {@code polling_jobs}: per-symbol progress as JSON (one column for a
 * list whose length is the job's symbols, read and written whole).
 */
final class JobReportRows {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<SymbolPollStatus>> PROGRESS = new TypeReference<>() {
    };

    static final String REPORT = "UPDATE polling_jobs SET report_node = ?, report_at = ?, report_state = ?,"
            + " report_reason = ?, report_progress = ? WHERE id = ? AND lease_owner = ?";

    static final String REPORTS = "SELECT id, report_node, report_at, report_state, report_reason, report_progress"
            + " FROM polling_jobs WHERE report_node IS NOT NULL";

    static final RowMapper<JobReport> READ = (rs, n) -> new JobReport(rs.getString("id"), rs.getString("report_node"),
            StoreRows.instant(rs, "report_at"), JobStatus.State.valueOf(rs.getString("report_state")),
            rs.getString("report_reason"), JSON.readValue(rs.getString("report_progress"), PROGRESS));

    private JobReportRows() {
    }

    /** The arguments of {@link #REPORT} for one report by {@code node}. */
    static Object[] args(String node, JobReport report) {
        return new Object[] {node, StoreRows.time(report.reportedAt()), report.state().name(), report.reason(),
                JSON.writeValueAsString(report.symbols()), report.jobId(), node};
    }
}
