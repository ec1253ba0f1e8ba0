-- PostgreSQL baseline: the whole datamodel of prisma/schema.prisma as of the SQLite migrations up to
-- 20261130090405_mission_posts, generated with prisma migrate diff --from-empty (scripts/new-migration.ts
-- writes the later ones next to their SQLite twins).
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'staff', 'sme', 'guest');

-- CreateEnum
CREATE TYPE "SmeStatus" AS ENUM ('draft', 'pending', 'approved', 'archived');

-- CreateEnum
CREATE TYPE "Market" AS ENUM ('US', 'CN');

-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('project_owner', 'buyer', 'distributor', 'partner', 'investor', 'agency', 'research');

-- CreateEnum
CREATE TYPE "MissionStatus" AS ENUM ('draft', 'open', 'scheduled', 'running', 'closed');

-- CreateEnum
CREATE TYPE "ParticipantStatus" AS ENUM ('requested', 'confirmed', 'waiting', 'declined', 'withdrawn');

-- CreateEnum
CREATE TYPE "RequestPriority" AS ENUM ('must', 'want', 'nice');

-- CreateEnum
CREATE TYPE "MeetingRequestStatus" AS ENUM ('requested', 'accepted', 'declined', 'withdrawn');

-- CreateEnum
CREATE TYPE "ScheduleDraftStatus" AS ENUM ('running', 'ready', 'failed', 'published', 'discarded');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('scheduled', 'done', 'cancelled', 'no_show');

-- CreateEnum
CREATE TYPE "BiStatus" AS ENUM ('in_progress', 'paused', 'done');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('running', 'done', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "Cluster" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "role" "Role" NOT NULL DEFAULT 'guest',
    "clusterId" INTEGER,
    "smeId" INTEGER,
    "timeZone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sme" (
    "id" SERIAL NOT NULL,
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
    "status" "SmeStatus" NOT NULL DEFAULT 'draft',
    "consentAt" TIMESTAMP(3),
    "consentBySlackId" TEXT,
    "reviewNote" TEXT,
    "proposedChange" JSONB,
    "createdBySlackId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmeTag" (
    "smeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "SmeTag_pkey" PRIMARY KEY ("smeId","kind","value")
);

-- CreateTable
CREATE TABLE "LocalOrganisation" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL DEFAULT '',
    "type" "OrganisationType" NOT NULL,
    "country" TEXT NOT NULL DEFAULT '',
    "market" "Market" NOT NULL,
    "city" TEXT NOT NULL,
    "sectors" JSONB NOT NULL,
    "needs" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "languages" JSONB NOT NULL DEFAULT '[]',
    "available" JSONB NOT NULL DEFAULT '[]',
    "autoAccept" BOOLEAN NOT NULL DEFAULT false,
    "createdBySlackId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalOrganisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mission" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "market" "Market" NOT NULL,
    "city" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 25,
    "requestDeadline" TIMESTAMP(3),
    "requestLimit" INTEGER NOT NULL DEFAULT 10,
    "sessionPlan" JSONB NOT NULL,
    "channelId" TEXT,
    "status" "MissionStatus" NOT NULL DEFAULT 'draft',
    "archivedAt" TIMESTAMP(3),
    "leadClusterId" INTEGER,
    "createdBySlackId" TEXT,
    "agendaPostTime" TEXT NOT NULL DEFAULT '07:30',
    "previewPostTime" TEXT NOT NULL DEFAULT '18:00',
    "reminderMinutes" INTEGER NOT NULL DEFAULT 10,
    "surveyMinutes" INTEGER NOT NULL DEFAULT 15,
    "chaseDaysBefore" INTEGER NOT NULL DEFAULT 7,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MissionParticipant" (
    "missionId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "status" "ParticipantStatus" NOT NULL DEFAULT 'requested',
    "travellers" JSONB NOT NULL DEFAULT '[]',
    "waitingPlace" INTEGER,
    "requestedBySlackId" TEXT,
    "decidedBySlackId" TEXT,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MissionParticipant_pkey" PRIMARY KEY ("missionId","smeId")
);

-- CreateTable
CREATE TABLE "MissionOrganisation" (
    "missionId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "standTable" INTEGER,

    CONSTRAINT "MissionOrganisation_pkey" PRIMARY KEY ("missionId","organisationId")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" SERIAL NOT NULL,
    "missionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'event',
    "title" TEXT NOT NULL,
    "location" TEXT,
    "notes" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRequest" (
    "id" SERIAL NOT NULL,
    "missionId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "targetSmeId" INTEGER,
    "requestedBySlackId" TEXT,
    "priority" "RequestPriority" NOT NULL DEFAULT 'want',
    "message" TEXT,
    "status" "MeetingRequestStatus" NOT NULL DEFAULT 'requested',
    "decidedBySlackId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "MeetingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TextEmbedding" (
    "model" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "vector" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TextEmbedding_pkey" PRIMARY KEY ("model","textHash")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "missionId" INTEGER NOT NULL,
    "requestId" INTEGER,
    "smeId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "targetSmeId" INTEGER,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "tableNumber" INTEGER NOT NULL,
    "status" "MeetingStatus" NOT NULL DEFAULT 'scheduled',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingOutcome" (
    "meetingId" INTEGER NOT NULL,
    "smeId" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "answeredBySlackId" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingOutcome_pkey" PRIMARY KEY ("meetingId","smeId")
);

-- CreateTable
CREATE TABLE "ReminderSetting" (
    "slackUserId" TEXT NOT NULL,
    "off" BOOLEAN NOT NULL DEFAULT false,
    "snoozedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderSetting_pkey" PRIMARY KEY ("slackUserId")
);

-- CreateTable
CREATE TABLE "ScheduleDraft" (
    "id" SERIAL NOT NULL,
    "missionId" INTEGER NOT NULL,
    "status" "ScheduleDraftStatus" NOT NULL DEFAULT 'running',
    "result" JSONB,
    "error" TEXT,
    "createdBySlackId" TEXT NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedBySlackId" TEXT,

    CONSTRAINT "ScheduleDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BiResponse" (
    "id" SERIAL NOT NULL,
    "smeId" INTEGER NOT NULL,
    "templateKey" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "status" "BiStatus" NOT NULL DEFAULT 'in_progress',
    "answers" JSONB NOT NULL,
    "state" JSONB NOT NULL,
    "channelId" TEXT,
    "threadTs" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "BiResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BiMessage" (
    "id" SERIAL NOT NULL,
    "responseId" INTEGER NOT NULL,
    "slackTs" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "filledFields" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "BiMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmCall" (
    "id" SERIAL NOT NULL,
    "purpose" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "responseId" INTEGER,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consortium" (
    "id" SERIAL NOT NULL,
    "missionId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "projectName" TEXT,
    "valueChain" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consortium_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsortiumMember" (
    "id" SERIAL NOT NULL,
    "consortiumId" INTEGER NOT NULL,
    "smeId" INTEGER,
    "organisationId" INTEGER,
    "stage" TEXT,

    CONSTRAINT "ConsortiumMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "JobRunStatus" NOT NULL DEFAULT 'running',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT,
    "messageTs" TEXT,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedDelivery" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedDelivery_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorSlackId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpectedUpload" (
    "slackUserId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpectedUpload_pkey" PRIMARY KEY ("slackUserId")
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
CREATE INDEX "LocalOrganisation_normalizedName_country_idx" ON "LocalOrganisation"("normalizedName", "country");

-- CreateIndex
CREATE UNIQUE INDEX "Mission_nameKey_key" ON "Mission"("nameKey");

-- CreateIndex
CREATE INDEX "MissionParticipant_smeId_idx" ON "MissionParticipant"("smeId");

-- CreateIndex
CREATE INDEX "MissionOrganisation_organisationId_idx" ON "MissionOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "AgendaItem_missionId_startsAt_idx" ON "AgendaItem"("missionId", "startsAt");

-- CreateIndex
CREATE INDEX "MeetingRequest_missionId_status_idx" ON "MeetingRequest"("missionId", "status");

-- CreateIndex
CREATE INDEX "MeetingRequest_targetSmeId_idx" ON "MeetingRequest"("targetSmeId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_missionId_smeId_organisationId_key" ON "MeetingRequest"("missionId", "smeId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_missionId_smeId_targetSmeId_key" ON "MeetingRequest"("missionId", "smeId", "targetSmeId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");

-- CreateIndex
CREATE INDEX "Meeting_missionId_startsAt_idx" ON "Meeting"("missionId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_smeId_startsAt_idx" ON "Meeting"("smeId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_targetSmeId_startsAt_idx" ON "Meeting"("targetSmeId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_organisationId_startsAt_idx" ON "Meeting"("organisationId", "startsAt");

-- CreateIndex
CREATE INDEX "MeetingOutcome_smeId_idx" ON "MeetingOutcome"("smeId");

-- CreateIndex
CREATE INDEX "ScheduleDraft_missionId_createdAt_idx" ON "ScheduleDraft"("missionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BiResponse_smeId_templateKey_key" ON "BiResponse"("smeId", "templateKey");

-- CreateIndex
CREATE UNIQUE INDEX "BiMessage_responseId_slackTs_key" ON "BiMessage"("responseId", "slackTs");

-- CreateIndex
CREATE INDEX "LlmCall_responseId_idx" ON "LlmCall"("responseId");

-- CreateIndex
CREATE INDEX "ConsortiumMember_consortiumId_idx" ON "ConsortiumMember"("consortiumId");

-- CreateIndex
CREATE INDEX "JobRun_status_startedAt_idx" ON "JobRun"("status", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_kind_target_dueAt_key" ON "JobRun"("kind", "target", "dueAt");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sme" ADD CONSTRAINT "Sme_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmeTag" ADD CONSTRAINT "SmeTag_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mission" ADD CONSTRAINT "Mission_leadClusterId_fkey" FOREIGN KEY ("leadClusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MissionParticipant" ADD CONSTRAINT "MissionParticipant_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MissionParticipant" ADD CONSTRAINT "MissionParticipant_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MissionOrganisation" ADD CONSTRAINT "MissionOrganisation_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MissionOrganisation" ADD CONSTRAINT "MissionOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_targetSmeId_fkey" FOREIGN KEY ("targetSmeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MeetingRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_targetSmeId_fkey" FOREIGN KEY ("targetSmeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOutcome" ADD CONSTRAINT "MeetingOutcome_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOutcome" ADD CONSTRAINT "MeetingOutcome_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleDraft" ADD CONSTRAINT "ScheduleDraft_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiResponse" ADD CONSTRAINT "BiResponse_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiMessage" ADD CONSTRAINT "BiMessage_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmCall" ADD CONSTRAINT "LlmCall_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consortium" ADD CONSTRAINT "Consortium_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_smeId_fkey" FOREIGN KEY ("smeId") REFERENCES "Sme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "LocalOrganisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

