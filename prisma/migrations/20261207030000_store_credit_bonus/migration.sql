-- Issue 15, item 2: the shop-set store credit bonus ("creators who take store credit get 110%").
-- The percent the creator receives when paid in store credit: 100 (off) to 150.
ALTER TABLE "Shop" ADD COLUMN "storeCreditBonusPercent" INTEGER NOT NULL DEFAULT 100;
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_storeCreditBonusPercent_range"
  CHECK ("storeCreditBonusPercent" BETWEEN 100 AND 150);

-- The bonus is the brand's cost, not creator earnings owed: its own shop expense account
-- (store_credit_bonus, running negative like `expense`) and its own movement kind, posted
-- store_credit_bonus → paid_store_credit beside the payout's in_payout → paid_store_credit, so
-- paid_store_credit equals what Shopify credited. Appended in place as 20261206040000 did.
ALTER TYPE "LedgerAccount" ADD VALUE IF NOT EXISTS 'store_credit_bonus';
ALTER TYPE "LedgerTransactionKind" ADD VALUE IF NOT EXISTS 'store_credit_bonus';
