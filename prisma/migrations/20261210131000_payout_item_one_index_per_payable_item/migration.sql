-- Issue 16 goal 6 (payout run: write less per item). "PayoutItem" had two indexes on
-- "payableItemId": the money rule's partial unique index (at most one active payout item per
-- payable item; active items only) and a plain one over every item (the key check when a payable
-- item is deleted, which names no state, and lookups of an item's history). Each is one more
-- B-tree entry per item written (≈ 2 µs of PostgreSQL CPU an item at 100,000 items, more at a
-- million: `npm run bench -- payout-run --write-costs=1`). One unique index now does both: it
-- leads with "payableItemId" (every item, so the key check and the lookups use it), and its second
-- column is true for an active item and NULL otherwise. NULLs are distinct in a unique index, so
-- any number of removed or released items may share a payable item, and two active ones may not:
-- the same rule, under the same name (refusals still name it).
CREATE UNIQUE INDEX "PayoutItem_payable_item_active_once"
  ON "PayoutItem" ("payableItemId", (CASE WHEN "state" = 'active' THEN true END));
DROP INDEX "PayoutItem_one_active_payout_per_payable_item";
DROP INDEX "PayoutItem_payableItemId_idx";
ALTER INDEX "PayoutItem_payable_item_active_once" RENAME TO "PayoutItem_one_active_payout_per_payable_item";
