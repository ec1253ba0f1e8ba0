-- CreateTable
CREATE TABLE "ExpectedUpload" (
    "slackUserId" TEXT NOT NULL PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

