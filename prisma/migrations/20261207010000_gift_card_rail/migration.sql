-- Issue 15, item 3: the gift card rail. Its ledger account, movement kind and channel are appended
-- to the enums in place, as 20261206090000_paypal_rail did (none of the new values is used here).
-- "PayoutGiftCard" holds each gift card attempt's code, sealed (never in clear), and
-- "OutboundEmail"."secretCiphertext" the sealed copy an email fills in at delivery only.
-- AlterEnum
ALTER TYPE "PayoutChannel" ADD VALUE IF NOT EXISTS 'gift_card';

-- AlterEnum
ALTER TYPE "LedgerAccount" ADD VALUE IF NOT EXISTS 'paid_gift_card';

-- AlterEnum
ALTER TYPE "LedgerTransactionKind" ADD VALUE IF NOT EXISTS 'pay_gift_card';

-- AlterTable
ALTER TABLE "OutboundEmail" ADD COLUMN     "secretCiphertext" TEXT;

-- CreateTable
CREATE TABLE "PayoutGiftCard" (
    "id" TEXT NOT NULL DEFAULT ('pgc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "codeCiphertext" TEXT,
    "lastCharacters" TEXT NOT NULL,
    "revealedAt" TIMESTAMP(3),
    "deactivatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutGiftCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PayoutGiftCard_payoutId_attempt_key" ON "PayoutGiftCard"("payoutId", "attempt");

-- CreateIndex
CREATE INDEX "PayoutGiftCard_shopId_payoutId_idx" ON "PayoutGiftCard"("shopId", "payoutId");

-- AddForeignKey
ALTER TABLE "PayoutGiftCard" ADD CONSTRAINT "PayoutGiftCard_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;
