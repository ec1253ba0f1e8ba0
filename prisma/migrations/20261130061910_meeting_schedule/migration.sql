-- AlterTable
ALTER TABLE "MissionOrganisation" ADD COLUMN "standTable" INTEGER;

-- CreateTable
CREATE TABLE "ScheduleDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "result" JSONB,
    "error" TEXT,
    "createdBySlackId" TEXT NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedBySlackId" TEXT,
    CONSTRAINT "ScheduleDraft_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "requestId" INTEGER,
    "smeId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "targetSmeId" INTEGER,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "tableNumber" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "outcome" TEXT,
    "rating" INTEGER,
    "feedbackAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MeetingRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Meeting_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_targetSmeId_fkey" FOREIGN KEY ("targetSmeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("createdAt", "endsAt", "feedbackAt", "id", "missionId", "organisationId", "outcome", "rating", "requestId", "smeId", "startsAt", "status", "updatedAt", "tableNumber") SELECT "createdAt", "endsAt", "feedbackAt", "id", "missionId", "organisationId", "outcome", "rating", "requestId", "smeId", "startsAt", "status", "updatedAt", COALESCE(CAST("tableLabel" AS INTEGER), 1) FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");
CREATE INDEX "Meeting_missionId_startsAt_idx" ON "Meeting"("missionId", "startsAt");
CREATE INDEX "Meeting_smeId_startsAt_idx" ON "Meeting"("smeId", "startsAt");
CREATE INDEX "Meeting_targetSmeId_startsAt_idx" ON "Meeting"("targetSmeId", "startsAt");
CREATE INDEX "Meeting_organisationId_startsAt_idx" ON "Meeting"("organisationId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ScheduleDraft_missionId_createdAt_idx" ON "ScheduleDraft"("missionId", "createdAt");

