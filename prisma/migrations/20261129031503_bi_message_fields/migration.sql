-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BiMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "responseId" INTEGER NOT NULL,
    "slackTs" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "processedAt" DATETIME,
    "filledFields" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "BiMessage_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BiMessage" ("editedAt", "id", "processedAt", "receivedAt", "responseId", "slackTs", "text") SELECT "editedAt", "id", "processedAt", "receivedAt", "responseId", "slackTs", "text" FROM "BiMessage";
DROP TABLE "BiMessage";
ALTER TABLE "new_BiMessage" RENAME TO "BiMessage";
CREATE UNIQUE INDEX "BiMessage_responseId_slackTs_key" ON "BiMessage"("responseId", "slackTs");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

