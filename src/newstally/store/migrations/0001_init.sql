-- newstally store, schema version 1.
-- Portable SQL (SQLite and PostgreSQL): TEXT dates in ISO form, lists as JSON text, composite
-- keys instead of autoincrement. Statements are separated by semicolons at line ends.

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    url         TEXT,
    title       TEXT,
    outlet      TEXT,
    authors     TEXT NOT NULL,   -- JSON list of names
    published   TEXT,            -- YYYY-MM-DD
    language    TEXT NOT NULL,
    text        TEXT NOT NULL,
    report      TEXT NOT NULL,   -- the REPORT-V1 object as JSON, without article.text
    ingested_at TEXT NOT NULL    -- UTC, ISO 8601
);

CREATE INDEX articles_published ON articles (published);

CREATE TABLE figures (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,   -- order in the report
    figure_id      TEXT NOT NULL,
    measure        TEXT NOT NULL,
    low            INTEGER,
    high           INTEGER,
    approximate    BOOLEAN NOT NULL,
    count_text     TEXT NOT NULL,
    subject_text   TEXT,
    subject_group  TEXT,
    subject_role   TEXT,
    place_text     TEXT,
    country        TEXT,
    region         TEXT,
    period_text    TEXT,
    period_start   TEXT,
    period_end     TEXT,
    reported       TEXT,
    source_text    TEXT,
    source_name    TEXT,
    source_kind    TEXT NOT NULL,
    via            TEXT NOT NULL,      -- JSON list of relays
    cue            TEXT,
    status         TEXT NOT NULL,
    hedges         TEXT NOT NULL,      -- JSON list of phrases
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    scope          TEXT,
    record         TEXT NOT NULL,      -- the Figure as JSON, so queries return it whole
    PRIMARY KEY (article_id, position)
);

CREATE INDEX figures_measure ON figures (measure);
CREATE INDEX figures_group ON figures (subject_group);
CREATE INDEX figures_country ON figures (country);
CREATE INDEX figures_reported ON figures (reported);

CREATE TABLE quotes (
    article_id          TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    speaker             TEXT,
    speaker_description TEXT,
    addressee           TEXT,          -- the quote's "to"
    text                TEXT NOT NULL,
    direct              BOOLEAN NOT NULL,
    evidence_start      INTEGER NOT NULL,
    evidence_end        INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE attributions (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    source_text   TEXT,
    source_name   TEXT,
    source_kind   TEXT NOT NULL,
    cue           TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    cue_start     INTEGER,
    cue_end       INTEGER,
    source_start  INTEGER,
    source_end    INTEGER,
    PRIMARY KEY (article_id, position)
);

CREATE INDEX attributions_source ON attributions (source_name);
