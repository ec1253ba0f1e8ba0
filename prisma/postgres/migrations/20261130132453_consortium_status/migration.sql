-- CreateEnum
CREATE TYPE "ConsortiumStatus" AS ENUM ('proposed', 'formed', 'bidding', 'won', 'lost');

-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN     "channelId" TEXT,
ADD COLUMN     "constraints" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "createdBySlackId" TEXT,
ADD COLUMN     "nameKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "opportunity" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "organisationId" INTEGER,
ADD COLUMN     "roles" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "status" "ConsortiumStatus" NOT NULL DEFAULT 'formed',
ADD COLUMN     "uncoveredRoles" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "missionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ConsortiumMember" ADD COLUMN     "roles" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "ConsortiumStatusChange" (
    "id" SERIAL NOT NULL,
    "consortiumId" INTEGER NOT NULL,
    "from" "ConsortiumStatus",
    "to" "ConsortiumStatus" NOT NULL,
    "bySlackId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsortiumStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsortiumStatusChange_consortiumId_at_idx" ON "ConsortiumStatusChange"("consortiumId", "at");

-- CreateIndex
CREATE INDEX "Consortium_missionId_status_idx" ON "Consortium"("missionId", "status");

-- CreateIndex
CREATE INDEX "Consortium_nameKey_idx" ON "Consortium"("nameKey");

-- AddForeignKey
ALTER TABLE "ConsortiumStatusChange" ADD CONSTRAINT "ConsortiumStatusChange_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

