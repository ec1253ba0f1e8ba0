-- Full-text index of the SME directory on PostgreSQL: the counterpart of SQLite's FTS5 table
-- (prisma/migrations/20261129010000_directory_search), behind the same search interface
-- (src/features/directory/search-store.ts). Written by hand: Prisma's datamodel cannot express
-- a generated tsvector column or a GIN index on it.
--
-- Accents are folded by the unaccent extension ("Énergie" finds "energie" and back). unaccent() is
-- only STABLE (its dictionary could change), so an IMMUTABLE wrapper that names the dictionary lets
-- the generated column and its index use it.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE FUNCTION directory_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$;

-- One row per SME, rewritten whenever the SME is (search-store.ts). "terms" holds the words,
-- weighted name A, pitch B, offer C, tags D (ranked 10 : 5 : 2 : 1 like FTS5's bm25 weights), and
-- the filter tokens of "facets" (see search-index.ts) taken verbatim with a leading "=": a search
-- word is letters and digits, so its prefix can never match a facet, and one GIN index intersects
-- words and filters in one scan.
CREATE TABLE "SmeSearch" (
    "smeId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "name" TEXT NOT NULL,
    "pitch" TEXT NOT NULL,
    "offer" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "facets" TEXT NOT NULL,
    "terms" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', directory_unaccent("name")), 'A') ||
        setweight(to_tsvector('simple', directory_unaccent("pitch")), 'B') ||
        setweight(to_tsvector('simple', directory_unaccent("offer")), 'C') ||
        setweight(to_tsvector('simple', directory_unaccent("tags")), 'D') ||
        array_to_tsvector(string_to_array('=' || replace("facets", ' ', ' ='), ' '))
    ) STORED
);

CREATE INDEX "SmeSearch_terms_idx" ON "SmeSearch" USING gin ("terms");
