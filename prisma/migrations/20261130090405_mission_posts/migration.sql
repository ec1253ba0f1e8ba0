-- CreateTable
CREATE TABLE "MeetingOutcome" (
    "meetingId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "answeredBySlackId" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("meetingId", "smeId"),
    CONSTRAINT "MeetingOutcome_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingOutcome_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderSetting" (
    "slackUserId" TEXT NOT NULL PRIMARY KEY,
    "off" BOOLEAN NOT NULL DEFAULT false,
    "snoozedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "agendaPostTime" TEXT NOT NULL DEFAULT '07:30',
    "previewPostTime" TEXT NOT NULL DEFAULT '18:00',
    "reminderMinutes" INTEGER NOT NULL DEFAULT 10,
    "surveyMinutes" INTEGER NOT NULL DEFAULT 15,
    "chaseDaysBefore" INTEGER NOT NULL DEFAULT 7,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Mission_leadClusterId_fkey" FOREIGN KEY ("leadClusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Mission" ("archivedAt", "capacity", "channelId", "city", "createdAt", "createdBySlackId", "endDate", "id", "leadClusterId", "market", "name", "nameKey", "requestDeadline", "requestLimit", "sessionPlan", "startDate", "status", "timeZone", "updatedAt") SELECT "archivedAt", "capacity", "channelId", "city", "createdAt", "createdBySlackId", "endDate", "id", "leadClusterId", "market", "name", "nameKey", "requestDeadline", "requestLimit", "sessionPlan", "startDate", "status", "timeZone", "updatedAt" FROM "Mission";
DROP TABLE "Mission";
ALTER TABLE "new_Mission" RENAME TO "Mission";
CREATE UNIQUE INDEX "Mission_nameKey_key" ON "Mission"("nameKey");
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MeetingRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Meeting_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_targetSmeId_fkey" FOREIGN KEY ("targetSmeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("createdAt", "endsAt", "id", "missionId", "organisationId", "requestId", "smeId", "startsAt", "status", "tableNumber", "targetSmeId", "updatedAt") SELECT "createdAt", "endsAt", "id", "missionId", "organisationId", "requestId", "smeId", "startsAt", "status", "tableNumber", "targetSmeId", "updatedAt" FROM "Meeting";
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
CREATE INDEX "MeetingOutcome_smeId_idx" ON "MeetingOutcome"("smeId");

