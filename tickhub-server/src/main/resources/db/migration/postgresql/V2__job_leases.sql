-- Polling jobs run on exactly one ingest node at a time: the node holding a job's lease.
-- A node renews its leases well before they end; a dead node's lapse and another node claims them.
ALTER TABLE polling_jobs ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE polling_jobs ADD COLUMN lease_until TIMESTAMPTZ;
