-- The highest seq folded into each bar, so a recovery folds in again only the ticks above it.
-- 0 for bars stored before this column existed (unknown).
ALTER TABLE bars ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
