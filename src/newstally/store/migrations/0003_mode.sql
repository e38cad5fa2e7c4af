-- newstally store, schema version 3: which extraction mode made each stored report.
-- 'full' reads the whole article; 'figures-only' (the ledger mode) parses only the sentences
-- the figures need, so its report lacks quotes and attributions found elsewhere. Knowing the
-- mode lets a later full-mode ingest replace such a report instead of skipping it as present.
-- Reports stored before this version were all made in full mode.
ALTER TABLE articles ADD COLUMN mode TEXT NOT NULL DEFAULT 'full';
