-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN     "buildId" TEXT,
ADD COLUMN     "proposalChannel" TEXT,
ADD COLUMN     "proposalTs" TEXT;

-- CreateIndex
CREATE INDEX "Consortium_buildId_idx" ON "Consortium"("buildId");

