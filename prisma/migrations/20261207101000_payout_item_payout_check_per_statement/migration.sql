-- Issue 16 (payout run: write less per item). The key (shopId, payoutId) → Payout was checked per
-- item: each check locks the payout row FOR KEY SHARE, and locking a row the same transaction just
-- inserted, a hundred times over, cost ≈ 50 µs an item (EXPLAIN ANALYZE of the payout-run
-- benchmark's hand-written statement at 100,000 items: 5.3 s of its 7.9 s) against ≈ 7 µs for
-- the key to PayableItem. The same rule is now checked once per statement over all its rows:
-- every payout item names a payout of its own shop. What the key's row lock added (no payout
-- deleted while an item is being added to it) holds without it: the app never deletes a payout,
-- and a shop's deletion (redact_shop) waits for the item's key to Shop. Deleting a payout still
-- deletes its items (the key's ON DELETE CASCADE, now a trigger).
ALTER TABLE "PayoutItem" DROP CONSTRAINT "PayoutItem_shop_payout_fkey";

-- One probe of the payout's primary key per item, whatever the statistics say: the probe names
-- only "id" (the one index that leads with it), and enable_seqscan is off. A probe on
-- ("shopId", "id") can be planned on any index that leads with "shopId" when "Payout" was analyzed
-- nearly empty (a new install, the benchmark's template), and then reads all the shop's payouts
-- per item: that, not the lock, is what made the per-row key cost ≈ 50 µs an item.
CREATE FUNCTION payout_items_name_their_shops_payouts() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
  orphan record;
BEGIN
  SELECT i."id", i."shopId", i."payoutId" INTO orphan
  FROM checked_items i
  WHERE (SELECT p."shopId" FROM "Payout" p WHERE p."id" = i."payoutId") IS DISTINCT FROM i."shopId"
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "PayoutItem" violates foreign key constraint "PayoutItem_shop_payout_fkey"'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key ("shopId", "payoutId")=(%s, %s) is not present in table "Payout".', orphan."shopId", orphan."payoutId"),
            CONSTRAINT = 'PayoutItem_shop_payout_fkey', TABLE = 'PayoutItem';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "PayoutItem_shop_payout_insert" AFTER INSERT ON "PayoutItem"
  REFERENCING NEW TABLE AS checked_items FOR EACH STATEMENT EXECUTE FUNCTION payout_items_name_their_shops_payouts();
CREATE TRIGGER "PayoutItem_shop_payout_update" AFTER UPDATE ON "PayoutItem"
  REFERENCING NEW TABLE AS checked_items FOR EACH STATEMENT EXECUTE FUNCTION payout_items_name_their_shops_payouts();

CREATE FUNCTION delete_payouts_items() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM "PayoutItem" i USING deleted_payouts p WHERE i."shopId" = p."shopId" AND i."payoutId" = p."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "Payout_deletes_its_items" AFTER DELETE ON "Payout"
  REFERENCING OLD TABLE AS deleted_payouts FOR EACH STATEMENT EXECUTE FUNCTION delete_payouts_items();
