-- How each job runs on the ingest node holding its lease, reported at every renewal, so that
-- gateways (which run no jobs) can show its per-symbol progress. Progress is JSON.
ALTER TABLE polling_jobs ADD COLUMN report_node VARCHAR(200);
ALTER TABLE polling_jobs ADD COLUMN report_at TIMESTAMPTZ;
ALTER TABLE polling_jobs ADD COLUMN report_state VARCHAR(16);
ALTER TABLE polling_jobs ADD COLUMN report_reason VARCHAR(2000);
ALTER TABLE polling_jobs ADD COLUMN report_progress TEXT;
