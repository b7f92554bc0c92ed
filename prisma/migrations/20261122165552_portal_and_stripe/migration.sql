-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "stripeAccountName" TEXT,
ADD COLUMN     "stripeConnectedAt" TIMESTAMP(3),
ADD COLUMN     "stripeKeyHint" TEXT;

-- AlterTable
ALTER TABLE "Creator" ADD COLUMN     "applicationMessage" TEXT,
ADD COLUMN     "appliedAt" TIMESTAMP(3),
ADD COLUMN     "payoutDetailsSummary" TEXT,
ADD COLUMN     "stripeAccountSyncedAt" TIMESTAMP(3),
ADD COLUMN     "stripeRequirementsDue" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "stripeTransfersActive" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PayoutAttempt" ADD COLUMN     "stripeTransferId" TEXT;

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL DEFAULT ('file_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutMethodChange" (
    "id" TEXT NOT NULL DEFAULT ('pmc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "method" "PayoutMethod" NOT NULL,
    "detailsCiphertext" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutMethodChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "CreatorBankPayout" (
    "id" TEXT NOT NULL DEFAULT ('cbp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "stripeAccountId" TEXT NOT NULL,
    "stripePayoutId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" TEXT NOT NULL,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "arrivalDate" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreatorBankPayout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoredFile_shopId_creatorId_idx" ON "StoredFile"("shopId", "creatorId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutMethodChange_tokenHash_key" ON "PayoutMethodChange"("tokenHash");

-- CreateIndex
CREATE INDEX "PayoutMethodChange_shopId_creatorId_createdAt_idx" ON "PayoutMethodChange"("shopId", "creatorId", "createdAt");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- CreateIndex
CREATE INDEX "CreatorBankPayout_shopId_creatorId_createdAt_idx" ON "CreatorBankPayout"("shopId", "creatorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CreatorBankPayout_stripeAccountId_stripePayoutId_key" ON "CreatorBankPayout"("stripeAccountId", "stripePayoutId");

-- CreateIndex
CREATE INDEX "Creator_shopId_stripeAccountId_idx" ON "Creator"("shopId", "stripeAccountId");

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutMethodChange" ADD CONSTRAINT "PayoutMethodChange_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutMethodChange" ADD CONSTRAINT "PayoutMethodChange_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatorBankPayout" ADD CONSTRAINT "CreatorBankPayout_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatorBankPayout" ADD CONSTRAINT "CreatorBankPayout_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: a row can only point at a creator of its own shop.
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE CASCADE;
ALTER TABLE "PayoutMethodChange" ADD CONSTRAINT "PayoutMethodChange_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE CASCADE;
ALTER TABLE "CreatorBankPayout" ADD CONSTRAINT "CreatorBankPayout_shop_creator_fkey"
  FOREIGN KEY ("shopId", "creatorId") REFERENCES "Creator" ("shopId", "id") ON DELETE CASCADE;
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_size_check" CHECK ("byteSize" > 0 AND "byteSize" <= 5242880);
