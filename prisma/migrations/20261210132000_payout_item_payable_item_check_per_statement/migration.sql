-- Issue 16 goal 6 (payout run: write less per item). The last per-row key of "PayoutItem",
-- ("shopId", "payableItemId") → "PayableItem", looked up and locked (FOR KEY SHARE) the payable
-- item of every item written: ≈ 7 µs of PostgreSQL CPU an item, a third of the payout-run
-- benchmark's hand-written floor (`npm run bench -- payout-run --write-costs=1`). The rule stays —
-- an item names an existing payable item of its own shop — checked once per statement over all
-- its rows, as "PayoutItem_shop_payout_fkey" is (migration 20261207101000), under the same name.
--
-- What the key's row locks added: no payable item deleted while an item naming it is being written.
-- The app never deletes a payable item; only a shop's deletion (redact_shop()) does, through the
-- key from "Shop", after "Shop_deletes_its_payout_items" (migration 20261210130000) deleted the
-- shop's items. So the check locks the items' shop row instead, once per statement: a shop's
-- deletion waits for a transaction writing items of that shop and then deletes them too, and an
-- item written after the shop's deletion finds no shop and is refused. Deleting (or re-keying) a
-- payable item an item still names is refused by a statement trigger on "PayableItem", as the
-- key's NO ACTION did.
ALTER TABLE "PayoutItem" DROP CONSTRAINT "PayoutItem_shop_payable_item_fkey";

CREATE FUNCTION payout_items_name_their_shops_payable_items() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
  orphan record;
BEGIN
  -- The shops first (one row each, usually one a statement): see above.
  PERFORM 1 FROM "Shop" s WHERE s."id" IN (SELECT DISTINCT i."shopId" FROM checked_items i) ORDER BY s."id" FOR KEY SHARE OF s;
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
  RETURN NULL;
END $$;

CREATE TRIGGER "PayoutItem_shop_payable_item_insert" AFTER INSERT ON "PayoutItem"
  REFERENCING NEW TABLE AS checked_items FOR EACH STATEMENT EXECUTE FUNCTION payout_items_name_their_shops_payable_items();
CREATE TRIGGER "PayoutItem_shop_payable_item_update" AFTER UPDATE ON "PayoutItem"
  REFERENCING NEW TABLE AS checked_items FOR EACH STATEMENT EXECUTE FUNCTION payout_items_name_their_shops_payable_items();

-- The key's other side (NO ACTION): a payable item an item names is neither deleted nor re-keyed.
CREATE FUNCTION refuse_payable_items_named_by_payout_items() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  held record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT o."shopId", o."id" INTO held FROM gone_payable_items o
    WHERE EXISTS (SELECT 1 FROM "PayoutItem" i WHERE i."payableItemId" = o."id" AND i."shopId" = o."shopId")
    LIMIT 1;
  ELSE
    SELECT o."shopId", o."id" INTO held FROM gone_payable_items o
    WHERE NOT EXISTS (SELECT 1 FROM kept_payable_items n WHERE n."id" = o."id" AND n."shopId" = o."shopId")
      AND EXISTS (SELECT 1 FROM "PayoutItem" i WHERE i."payableItemId" = o."id" AND i."shopId" = o."shopId")
    LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "PayableItem" violates foreign key constraint "PayoutItem_shop_payable_item_fkey" on table "PayoutItem"'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key ("shopId", "id")=(%s, %s) is still referenced from table "PayoutItem".', held."shopId", held."id"),
            CONSTRAINT = 'PayoutItem_shop_payable_item_fkey', TABLE = 'PayableItem';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "PayableItem_named_by_payout_items_delete" AFTER DELETE ON "PayableItem"
  REFERENCING OLD TABLE AS gone_payable_items FOR EACH STATEMENT EXECUTE FUNCTION refuse_payable_items_named_by_payout_items();
CREATE TRIGGER "PayableItem_named_by_payout_items_update" AFTER UPDATE ON "PayableItem"
  REFERENCING OLD TABLE AS gone_payable_items NEW TABLE AS kept_payable_items
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_payable_items_named_by_payout_items();
