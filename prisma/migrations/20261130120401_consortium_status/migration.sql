-- CreateTable
CREATE TABLE "ConsortiumStatusChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consortiumId" INTEGER NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "bySlackId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "ConsortiumStatusChange_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Consortium" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL DEFAULT '',
    "projectName" TEXT,
    "valueChain" TEXT,
    "opportunity" TEXT NOT NULL DEFAULT '',
    "organisationId" INTEGER,
    "roles" JSONB NOT NULL DEFAULT [],
    "constraints" JSONB NOT NULL DEFAULT '{}',
    "uncoveredRoles" JSONB NOT NULL DEFAULT [],
    "score" REAL NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'formed',
    "createdBySlackId" TEXT,
    "channelId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Consortium_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Consortium" ("createdAt", "id", "missionId", "name", "projectName", "valueChain") SELECT "createdAt", "id", "missionId", "name", "projectName", "valueChain" FROM "Consortium";
DROP TABLE "Consortium";
ALTER TABLE "new_Consortium" RENAME TO "Consortium";
CREATE INDEX "Consortium_missionId_status_idx" ON "Consortium"("missionId", "status");
CREATE INDEX "Consortium_nameKey_idx" ON "Consortium"("nameKey");
CREATE TABLE "new_ConsortiumMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consortiumId" INTEGER NOT NULL,
    "smeId" INTEGER,
    "organisationId" INTEGER,
    "stage" TEXT,
    "roles" JSONB NOT NULL DEFAULT [],
    CONSTRAINT "ConsortiumMember_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsortiumMember_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsortiumMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConsortiumMember" ("consortiumId", "id", "organisationId", "smeId", "stage") SELECT "consortiumId", "id", "organisationId", "smeId", "stage" FROM "ConsortiumMember";
DROP TABLE "ConsortiumMember";
ALTER TABLE "new_ConsortiumMember" RENAME TO "ConsortiumMember";
CREATE INDEX "ConsortiumMember_consortiumId_idx" ON "ConsortiumMember"("consortiumId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ConsortiumStatusChange_consortiumId_at_idx" ON "ConsortiumStatusChange"("consortiumId", "at");

