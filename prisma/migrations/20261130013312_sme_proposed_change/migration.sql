-- AlterTable
ALTER TABLE "Sme" ADD COLUMN "proposedChange" JSONB;

