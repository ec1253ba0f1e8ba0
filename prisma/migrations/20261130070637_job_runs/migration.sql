-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT,
    "messageTs" TEXT,
    "error" TEXT
);
INSERT INTO "new_JobRun" ("attempts", "dueAt", "error", "finishedAt", "id", "startedAt", "status", "kind", "target") SELECT "attempts", "dueAt", "error", "finishedAt", "id", "startedAt", "status", "job", '' FROM "JobRun";
DROP TABLE "JobRun";
ALTER TABLE "new_JobRun" RENAME TO "JobRun";
CREATE INDEX "JobRun_status_startedAt_idx" ON "JobRun"("status", "startedAt");
CREATE UNIQUE INDEX "JobRun_kind_target_dueAt_key" ON "JobRun"("kind", "target", "dueAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

