-- Issue 16 (payout run: write less per item). A payout item had five foreign keys, each checked
-- on every insert: the plain ones to Shop, Payout and PayableItem, and the shop-scoped ones
-- (shopId, payoutId) → Payout and (shopId, payableItemId) → PayableItem added by the init
-- migration. The shop-scoped keys imply the plain ones to Payout and PayableItem (same ids, plus
-- the shop), so those two go: three checks per item. The key to Shop stays: deleting a shop
-- (redact_shop) must cascade to the items directly, before the deleted payable items' check on
-- (shopId, payableItemId) runs; through the payout's cascade alone that check comes first and fails.
-- The schema declares the shop-scoped keys as the relations (same names).
ALTER TABLE "PayoutItem" DROP CONSTRAINT "PayoutItem_payoutId_fkey";
ALTER TABLE "PayoutItem" DROP CONSTRAINT "PayoutItem_payableItemId_fkey";
