-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN "buildId" TEXT;
ALTER TABLE "Consortium" ADD COLUMN "proposalChannel" TEXT;
ALTER TABLE "Consortium" ADD COLUMN "proposalTs" TEXT;

-- CreateIndex
CREATE INDEX "Consortium_buildId_idx" ON "Consortium"("buildId");

