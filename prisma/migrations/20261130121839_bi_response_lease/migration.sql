-- CreateTable
CREATE TABLE "BiResponseLease" (
    "responseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "BiResponseLease_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

