-- Issue 16 goal 6 (payout run: write less per item). A payout item's key to "Shop" was one more
-- lookup of the shop's row, locked FOR KEY SHARE, per item (≈ 11 µs an item at full size, the
-- payout-run benchmark's auto_explain). It adds no rule: the item's shop-scoped key
-- ("shopId", "payableItemId") → "PayableItem" already names an existing payable item of that very
-- shop, and "PayableItem"."shopId" is itself a key to "Shop". It was kept only so a shop's
-- deletion (redact_shop()) reaches the items before its cascade deletes the shop's payable items,
-- whose NO ACTION check would find the items still there (through the payouts' own cascade the
-- check comes first and fails). A BEFORE DELETE trigger on "Shop" now deletes the shop's items
-- first. It runs once the shop's row is locked for the deletion, so an item written by a
-- transaction that held the shop's row (every numbered payout takes the invoice counter on it)
-- is deleted too; one written without it in the same instant makes the redaction fail (the
-- payable item's check) and its job retry, never leave an item behind.
ALTER TABLE "PayoutItem" DROP CONSTRAINT "PayoutItem_shopId_fkey";

CREATE FUNCTION delete_shops_payout_items() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM "PayoutItem" WHERE "shopId" = OLD."id";
  RETURN OLD;
END $$;

CREATE TRIGGER "Shop_deletes_its_payout_items" BEFORE DELETE ON "Shop"
  FOR EACH ROW EXECUTE FUNCTION delete_shops_payout_items();
