-- Full-text index of the SME directory: FTS5 with BM25 ranking and prefix indexes ("geotherm" finds
-- "geothermal"). The rowid is Sme.id. Prisma's datamodel cannot express virtual tables, so this
-- migration is written by hand and the schema snapshot does not see it; the directory store
-- (src/features/directory/directory-store.ts) rewrites an SME's row whenever it writes the SME.
-- Columns: name, pitch, offer; tags (labels of sectors, stages and what the SME seeks); facets
-- (one token per filterable value, e.g. fmarketcn ftrl7 fstatusapproved: see search-index.ts), so
-- that FTS5 intersects filters and words itself and ranks only what passes.
CREATE VIRTUAL TABLE "SmeSearch" USING fts5(
    name,
    pitch,
    offer,
    tags,
    facets,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
