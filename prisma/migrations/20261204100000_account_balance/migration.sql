-- Issue 12, item 1: the ledger is the only door to money.
--   * "AccountBalance": the sum of each creator account's entries, kept by the database in the
--     same transaction as the entries, so a balance read is one row, not a sum over history.
--   * Every new ledger transaction carries its business key (idempotency key).

-- 1. Keys. Rows posted before keys were required keep a null key; NOT VALID checks new rows only
--    (no table rewrite and no long lock on a large ledger; the table is append-only, so history
--    cannot be given keys in place and need not be). The unique index ("shopId", "idempotencyKey")
--    exists since the first migration: a second post of the same movement is refused.
ALTER TABLE "LedgerTransaction"
  ADD CONSTRAINT "LedgerTransaction_idempotencyKey_required" CHECK ("idempotencyKey" IS NOT NULL) NOT VALID;

-- 2. The balances table.
CREATE TABLE "AccountBalance" (
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "account" "LedgerAccount" NOT NULL,
    "balanceMinor" BIGINT NOT NULL,

    CONSTRAINT "AccountBalance_pkey" PRIMARY KEY ("shopId","creatorId","currency","account")
);
CREATE INDEX "AccountBalance_shopId_account_currency_idx" ON "AccountBalance"("shopId", "account", "currency");
ALTER TABLE "AccountBalance" ADD CONSTRAINT "AccountBalance_shopId_fkey"
  FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The runtime reads balances; only the keeper below (running as this owner) writes them, so the
-- app cannot forge a balance that disagrees with the ledger. Shop redaction (redact_shop(), as the
-- owner) deletes a shop's rows through the cascade from "Shop".
REVOKE ALL ON "AccountBalance" FROM PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "AccountBalance" FROM creator_payouts_runtime;
GRANT SELECT ON "AccountBalance" TO creator_payouts_runtime;

-- 3. The keeper: one statement-level trigger adds each posted statement's entries, grouped, to
--    the balances (one upsert per statement, so a payout run's multi-row insert stays one
--    statement). Rows are upserted in key order so two postings never lock them crosswise.
--    SECURITY DEFINER with a fixed search_path: it runs as the owner, whatever role inserts.
CREATE FUNCTION keep_account_balances() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO public."AccountBalance" ("shopId", "creatorId", "currency", "account", "balanceMinor")
  SELECT e."shopId", e."creatorId", e."currency", e."account", SUM(e."amountMinor")::bigint
  FROM posted_entries e
  WHERE e."creatorId" IS NOT NULL
  GROUP BY e."shopId", e."creatorId", e."currency", e."account"
  ORDER BY e."shopId", e."creatorId", e."currency", e."account"
  ON CONFLICT ("shopId", "creatorId", "currency", "account")
  DO UPDATE SET "balanceMinor" = "AccountBalance"."balanceMinor" + EXCLUDED."balanceMinor";
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION keep_account_balances() FROM PUBLIC;

-- No posting may slip between the backfill and the trigger.
LOCK TABLE "LedgerEntry" IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER "LedgerEntry_keeps_account_balances"
  AFTER INSERT ON "LedgerEntry" REFERENCING NEW TABLE AS posted_entries
  FOR EACH STATEMENT EXECUTE FUNCTION keep_account_balances();

-- 4. Backfill from the ledger as it is.
INSERT INTO "AccountBalance" ("shopId", "creatorId", "currency", "account", "balanceMinor")
SELECT "shopId", "creatorId", "currency", "account", SUM("amountMinor")::bigint
FROM "LedgerEntry" WHERE "creatorId" IS NOT NULL
GROUP BY "shopId", "creatorId", "currency", "account";

-- 5. Rebuild and compare: the balances as the entries say they are, beside the stored ones, for
--    every account where the two differ (no rows: in step). Read-only; the runtime may run it.
CREATE FUNCTION account_balance_drift(p_shop_id text)
RETURNS TABLE ("creatorId" text, "currency" text, "account" text, "storedMinor" bigint, "entriesMinor" bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  WITH summed AS (
    SELECT e."creatorId", e."currency", e."account", SUM(e."amountMinor")::bigint AS total
    FROM public."LedgerEntry" e
    WHERE e."shopId" = p_shop_id AND e."creatorId" IS NOT NULL
    GROUP BY e."creatorId", e."currency", e."account"
  )
  SELECT COALESCE(b."creatorId", s."creatorId"), btrim(COALESCE(b."currency", s."currency")), COALESCE(b."account", s."account")::text,
         COALESCE(b."balanceMinor", 0), COALESCE(s.total, 0)
  FROM (SELECT * FROM public."AccountBalance" WHERE "shopId" = p_shop_id) b
  FULL JOIN summed s ON s."creatorId" = b."creatorId" AND s."currency" = b."currency" AND s."account" = b."account"
  WHERE COALESCE(b."balanceMinor", 0) <> COALESCE(s.total, 0)
$$;
REVOKE ALL ON FUNCTION account_balance_drift(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_balance_drift(text) TO creator_payouts_runtime;

-- Rebuilds a shop's balances from its entries (a repair, should drift ever be found) and returns
-- how many rows it corrected. Writes only what the entries say, so the runtime may run it too.
CREATE FUNCTION rebuild_account_balances(p_shop_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  corrected integer;
BEGIN
  -- Postings of this shop wait: the sums below and the rows written agree.
  PERFORM 1 FROM public."Shop" WHERE "id" = p_shop_id FOR UPDATE;
  LOCK TABLE public."LedgerEntry" IN SHARE ROW EXCLUSIVE MODE;
  SELECT count(*) INTO corrected FROM public.account_balance_drift(p_shop_id);
  DELETE FROM public."AccountBalance" WHERE "shopId" = p_shop_id;
  INSERT INTO public."AccountBalance" ("shopId", "creatorId", "currency", "account", "balanceMinor")
  SELECT "shopId", "creatorId", "currency", "account", SUM("amountMinor")::bigint
  FROM public."LedgerEntry" WHERE "shopId" = p_shop_id AND "creatorId" IS NOT NULL
  GROUP BY "shopId", "creatorId", "currency", "account";
  RETURN corrected;
END $$;
REVOKE ALL ON FUNCTION rebuild_account_balances(text) FROM PUBLIC;
