-- CreateTable
CREATE TABLE "ConsortiumCreateClaim" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "consortiumId" INTEGER NOT NULL,
    "claimedAt" DATETIME NOT NULL
);

