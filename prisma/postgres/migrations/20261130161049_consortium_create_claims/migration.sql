-- CreateTable
CREATE TABLE "ConsortiumCreateClaim" (
    "key" TEXT NOT NULL,
    "consortiumId" INTEGER NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsortiumCreateClaim_pkey" PRIMARY KEY ("key")
);

