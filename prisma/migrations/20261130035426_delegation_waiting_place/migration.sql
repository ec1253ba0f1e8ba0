-- AlterTable
ALTER TABLE "MissionParticipant" ADD COLUMN "waitingPlace" INTEGER;

