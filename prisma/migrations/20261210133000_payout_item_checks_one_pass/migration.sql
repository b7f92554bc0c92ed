-- Issue 16 goal 6 (payout run: the checks on written items). "PayoutItem"'s two statement checks —
-- each item names a payout of its own shop ("PayoutItem_shop_payout_fkey", migration
-- 20261207101000) and a payable item of its own shop ("PayoutItem_shop_payable_item_fkey",
-- migration 20261210132000) — become ONE trigger per event, and the payout side is asked once per
-- distinct (shop, payout) instead of once per item: a run's statement writes 100 items a payout, so
-- it probed the same payout's key 100 times (≈ 0.2–0.3 s of PostgreSQL statement time per 100,000
-- items in the payout-run benchmark, the floor and the app alike). Rules, order (payable item first,
-- as the two triggers fired by name), error texts, codes and constraint names are unchanged.
DROP TRIGGER "PayoutItem_shop_payable_item_insert" ON "PayoutItem";
DROP TRIGGER "PayoutItem_shop_payable_item_update" ON "PayoutItem";
DROP TRIGGER "PayoutItem_shop_payout_insert" ON "PayoutItem";
DROP TRIGGER "PayoutItem_shop_payout_update" ON "PayoutItem";
DROP FUNCTION payout_items_name_their_shops_payable_items();
DROP FUNCTION payout_items_name_their_shops_payouts();

CREATE FUNCTION payout_items_name_their_shops_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
  orphan record;
BEGIN
  -- The shops first (one row each, usually one a statement): a shop's deletion waits for the
  -- transaction writing its items and then deletes them too (migration 20261210132000).
  PERFORM 1 FROM "Shop" s WHERE s."id" IN (SELECT DISTINCT i."shopId" FROM checked_items i) ORDER BY s."id" FOR KEY SHARE OF s;
  -- Each item names a payable item of its own shop: one probe an item (each names its own).
  SELECT i."id", i."shopId", i."payableItemId" INTO orphan
  FROM checked_items i
  WHERE NOT EXISTS (SELECT 1 FROM "PayableItem" p WHERE p."id" = i."payableItemId" AND p."shopId" = i."shopId")
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "PayoutItem" violates foreign key constraint "PayoutItem_shop_payable_item_fkey"'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key ("shopId", "payableItemId")=(%s, %s) is not present in table "PayableItem".', orphan."shopId", orphan."payableItemId"),
            CONSTRAINT = 'PayoutItem_shop_payable_item_fkey', TABLE = 'PayoutItem';
  END IF;
  -- Each item names a payout of its own shop: one probe of the payout's primary key per distinct
  -- (shop, payout) (only "id": see migration 20261207101000 for why not ("shopId", "id")).
  SELECT d."shopId", d."payoutId" INTO orphan
  FROM (SELECT DISTINCT i."shopId", i."payoutId" FROM checked_items i) d
  WHERE (SELECT p."shopId" FROM "Payout" p WHERE p."id" = d."payoutId") IS DISTINCT FROM d."shopId"
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "PayoutItem" violates foreign key constraint "PayoutItem_shop_payout_fkey"'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key ("shopId", "payoutId")=(%s, %s) is not present in table "Payout".', orphan."shopId", orphan."payoutId"),
            CONSTRAINT = 'PayoutItem_shop_payout_fkey', TABLE = 'PayoutItem';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "PayoutItem_names_its_shops_rows_insert" AFTER INSERT ON "PayoutItem"
  REFERENCING NEW TABLE AS checked_items FOR EACH STATEMENT EXECUTE FUNCTION payout_items_name_their_shops_rows();
CREATE TRIGGER "PayoutItem_names_its_shops_rows_update" AFTER UPDATE ON "PayoutItem"
  REFERENCING NEW TABLE AS checked_items FOR EACH STATEMENT EXECUTE FUNCTION payout_items_name_their_shops_rows();
