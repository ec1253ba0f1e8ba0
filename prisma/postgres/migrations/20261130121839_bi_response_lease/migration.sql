-- CreateTable
CREATE TABLE "BiResponseLease" (
    "responseId" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BiResponseLease_pkey" PRIMARY KEY ("responseId")
);

-- AddForeignKey
ALTER TABLE "BiResponseLease" ADD CONSTRAINT "BiResponseLease_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "BiResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

