-- CreateTable
CREATE TABLE "TextEmbedding" (
    "model" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "vector" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("model", "textHash")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LocalOrganisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT '',
    "market" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "sectors" JSONB NOT NULL,
    "needs" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "languages" JSONB NOT NULL DEFAULT [],
    "available" JSONB NOT NULL DEFAULT [],
    "autoAccept" BOOLEAN NOT NULL DEFAULT false,
    "createdBySlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LocalOrganisation" ("city", "contactEmail", "contactName", "createdAt", "id", "market", "name", "needs", "sectors", "type", "updatedAt", "website") SELECT "city", "contactEmail", "contactName", "createdAt", "id", "market", "name", "needs", "sectors", "type", "updatedAt", "website" FROM "LocalOrganisation";
DROP TABLE "LocalOrganisation";
ALTER TABLE "new_LocalOrganisation" RENAME TO "LocalOrganisation";
CREATE INDEX "LocalOrganisation_market_type_idx" ON "LocalOrganisation"("market", "type");
CREATE INDEX "LocalOrganisation_normalizedName_country_idx" ON "LocalOrganisation"("normalizedName", "country");
CREATE TABLE "new_Mission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 25,
    "requestDeadline" DATETIME,
    "requestLimit" INTEGER NOT NULL DEFAULT 10,
    "sessionPlan" JSONB NOT NULL,
    "channelId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "archivedAt" DATETIME,
    "leadClusterId" INTEGER,
    "createdBySlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Mission_leadClusterId_fkey" FOREIGN KEY ("leadClusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Mission" ("channelId", "city", "createdAt", "createdBySlackId", "endDate", "id", "leadClusterId", "market", "name", "startDate", "status", "timeZone", "updatedAt") SELECT "channelId", "city", "createdAt", "createdBySlackId", "endDate", "id", "leadClusterId", "market", "name", "startDate", "status", "timeZone", "updatedAt" FROM "Mission";
DROP TABLE "Mission";
ALTER TABLE "new_Mission" RENAME TO "Mission";
CREATE UNIQUE INDEX "Mission_nameKey_key" ON "Mission"("nameKey");
CREATE TABLE "new_MissionParticipant" (
    "missionId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "travellers" JSONB NOT NULL DEFAULT [],
    "requestedBySlackId" TEXT,
    "decidedBySlackId" TEXT,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("missionId", "smeId"),
    CONSTRAINT "MissionParticipant_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MissionParticipant_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MissionParticipant" ("joinedAt", "missionId", "smeId", "status") SELECT "joinedAt", "missionId", "smeId", "status" FROM "MissionParticipant";
DROP TABLE "MissionParticipant";
ALTER TABLE "new_MissionParticipant" RENAME TO "MissionParticipant";
CREATE INDEX "MissionParticipant_smeId_idx" ON "MissionParticipant"("smeId");
CREATE TABLE "new_MeetingRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "targetSmeId" INTEGER,
    "requestedBySlackId" TEXT,
    "priority" TEXT NOT NULL DEFAULT 'want',
    "message" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "decidedBySlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    CONSTRAINT "MeetingRequest_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_targetSmeId_fkey" FOREIGN KEY ("targetSmeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MeetingRequest" ("answeredAt", "createdAt", "id", "missionId", "organisationId", "priority", "requestedBySlackId", "smeId", "status") SELECT "answeredAt", "createdAt", "id", "missionId", "organisationId", "priority", "requestedBySlackId", "smeId", "status" FROM "MeetingRequest";
DROP TABLE "MeetingRequest";
ALTER TABLE "new_MeetingRequest" RENAME TO "MeetingRequest";
CREATE INDEX "MeetingRequest_missionId_status_idx" ON "MeetingRequest"("missionId", "status");
CREATE INDEX "MeetingRequest_targetSmeId_idx" ON "MeetingRequest"("targetSmeId");
CREATE UNIQUE INDEX "MeetingRequest_missionId_smeId_organisationId_key" ON "MeetingRequest"("missionId", "smeId", "organisationId");
CREATE UNIQUE INDEX "MeetingRequest_missionId_smeId_targetSmeId_key" ON "MeetingRequest"("missionId", "smeId", "targetSmeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

