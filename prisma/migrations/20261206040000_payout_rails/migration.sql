-- Issue 15, items 1–2: payout rails. The store credit rail gets its own ledger account, movement
-- kind and channel, added to the existing enums in place (the values are appended, so existing
-- rows keep theirs; none of the new values is used in this migration, as PostgreSQL requires).
ALTER TYPE "LedgerAccount" ADD VALUE IF NOT EXISTS 'paid_store_credit';
ALTER TYPE "LedgerTransactionKind" ADD VALUE IF NOT EXISTS 'pay_store_credit';
ALTER TYPE "PayoutChannel" ADD VALUE IF NOT EXISTS 'store_credit';

-- The attempt table serves every rail: which rail, when a keyless rail was called, and what the
-- rail made (unique per rail: one store credit transaction settles at most one attempt).
ALTER TABLE "PayoutAttempt"
  ADD COLUMN "rail" "PayoutChannel" NOT NULL DEFAULT 'stripe',
  ADD COLUMN "sentAt" TIMESTAMP(3),
  ADD COLUMN "railReference" TEXT;

CREATE UNIQUE INDEX "PayoutAttempt_shopId_rail_railReference_key" ON "PayoutAttempt"("shopId", "rail", "railReference");
