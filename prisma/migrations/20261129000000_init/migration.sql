-- CreateTable
CREATE TABLE "Cluster" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "role" TEXT NOT NULL DEFAULT 'guest',
    "clusterId" INTEGER,
    "smeId" INTEGER,
    "timeZone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Person_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sme" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "clusterId" INTEGER,
    "website" TEXT,
    "pitch" TEXT NOT NULL DEFAULT '',
    "offer" TEXT NOT NULL DEFAULT '',
    "sizeBand" TEXT,
    "foundedYear" INTEGER,
    "trl" INTEGER,
    "exportExperience" TEXT,
    "contactSlackUserId" TEXT,
    "contactEmail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "consentAt" DATETIME,
    "consentBySlackId" TEXT,
    "reviewNote" TEXT,
    "createdBySlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Sme_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmeTag" (
    "smeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("smeId", "kind", "value"),
    CONSTRAINT "SmeTag_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocalOrganisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "sectors" JSONB NOT NULL,
    "needs" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Mission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "channelId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "leadClusterId" INTEGER,
    "createdBySlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Mission_leadClusterId_fkey" FOREIGN KEY ("leadClusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MissionParticipant" (
    "missionId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("missionId", "smeId"),
    CONSTRAINT "MissionParticipant_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MissionParticipant_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MissionOrganisation" (
    "missionId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    PRIMARY KEY ("missionId", "organisationId"),
    CONSTRAINT "MissionOrganisation_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MissionOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'event',
    "title" TEXT NOT NULL,
    "location" TEXT,
    "notes" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaItem_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL DEFAULT 'sme',
    "requestedBySlackId" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    CONSTRAINT "MeetingRequest_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "requestId" INTEGER,
    "smeId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "tableLabel" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "outcome" TEXT,
    "rating" INTEGER,
    "feedbackAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MeetingRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Meeting_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BiResponse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "smeId" INTEGER NOT NULL,
    "templateKey" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "answers" JSONB NOT NULL,
    "state" JSONB NOT NULL,
    "channelId" TEXT,
    "threadTs" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    CONSTRAINT "BiResponse_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BiMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "responseId" INTEGER NOT NULL,
    "slackTs" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "processedAt" DATETIME,
    CONSTRAINT "BiMessage_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LlmCall" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "purpose" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "responseId" INTEGER,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LlmCall_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Consortium" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "projectName" TEXT,
    "valueChain" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Consortium_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsortiumMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consortiumId" INTEGER NOT NULL,
    "smeId" INTEGER,
    "organisationId" INTEGER,
    "stage" TEXT,
    CONSTRAINT "ConsortiumMember_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsortiumMember_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsortiumMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "ProcessedDelivery" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorSlackId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_key_key" ON "Cluster"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Person_slackUserId_key" ON "Person"("slackUserId");

-- CreateIndex
CREATE INDEX "Person_role_idx" ON "Person"("role");

-- CreateIndex
CREATE INDEX "Person_smeId_idx" ON "Person"("smeId");

-- CreateIndex
CREATE INDEX "Sme_normalizedName_country_idx" ON "Sme"("normalizedName", "country");

-- CreateIndex
CREATE INDEX "Sme_status_country_idx" ON "Sme"("status", "country");

-- CreateIndex
CREATE INDEX "Sme_clusterId_idx" ON "Sme"("clusterId");

-- CreateIndex
CREATE INDEX "Sme_trl_idx" ON "Sme"("trl");

-- CreateIndex
CREATE INDEX "SmeTag_kind_value_smeId_idx" ON "SmeTag"("kind", "value", "smeId");

-- CreateIndex
CREATE INDEX "LocalOrganisation_market_type_idx" ON "LocalOrganisation"("market", "type");

-- CreateIndex
CREATE INDEX "MissionParticipant_smeId_idx" ON "MissionParticipant"("smeId");

-- CreateIndex
CREATE INDEX "MissionOrganisation_organisationId_idx" ON "MissionOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "AgendaItem_missionId_startsAt_idx" ON "AgendaItem"("missionId", "startsAt");

-- CreateIndex
CREATE INDEX "MeetingRequest_missionId_status_idx" ON "MeetingRequest"("missionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_missionId_smeId_organisationId_key" ON "MeetingRequest"("missionId", "smeId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");

-- CreateIndex
CREATE INDEX "Meeting_missionId_startsAt_idx" ON "Meeting"("missionId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_smeId_startsAt_idx" ON "Meeting"("smeId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_organisationId_startsAt_idx" ON "Meeting"("organisationId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "BiResponse_smeId_templateKey_key" ON "BiResponse"("smeId", "templateKey");

-- CreateIndex
CREATE UNIQUE INDEX "BiMessage_responseId_slackTs_key" ON "BiMessage"("responseId", "slackTs");

-- CreateIndex
CREATE INDEX "LlmCall_responseId_idx" ON "LlmCall"("responseId");

-- CreateIndex
CREATE INDEX "ConsortiumMember_consortiumId_idx" ON "ConsortiumMember"("consortiumId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_dueAt_key" ON "JobRun"("job", "dueAt");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

