-- newstally store, schema version 2: near-duplicate articles (the same wire story in many
-- outlets) are linked to the first stored copy, so the tally counts one story, not ten.

-- The canonical article this one copies (NULL when it is an original), and their estimated
-- Jaccard similarity of word 5-grams (see newstally.ingest.dedupe).
ALTER TABLE articles ADD COLUMN copy_of TEXT REFERENCES articles (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN copy_similarity REAL;

CREATE INDEX articles_copy_of ON articles (copy_of);

-- Each article's MinHash signature (base64 of 128 32-bit values; '' for a text too short to
-- link, which marks it indexed all the same).
CREATE TABLE article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature  TEXT NOT NULL
);

-- Locality-sensitive hashing: one row per band of the signature; articles that share a
-- bucket are candidates for being copies of each other.
CREATE TABLE article_buckets (
    bucket     TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
);

-- Deleting an article deletes its buckets: find them without scanning the table.
CREATE INDEX article_buckets_article ON article_buckets (article_id);
