-- Full-text index of the SME directory: FTS5 with BM25 ranking and prefix indexes ("geotherm" finds
-- "geothermal"). The rowid is Sme.id. Prisma's datamodel cannot express virtual tables, so this
-- migration is written by hand and the schema snapshot does not see it; the directory store
-- (src/features/directory/directory-store.ts) writes a row here whenever it writes an SME.
-- Columns: name, pitch, offer, and tags (labels of sectors, stages and what the SME seeks).
CREATE VIRTUAL TABLE "SmeSearch" USING fts5(
    name,
    pitch,
    offer,
    tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
