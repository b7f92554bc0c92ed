-- Issue 16 §5: "ShopAccountBalance", a shop's creator accounts (held, gated, payable, in_payout)
-- summed over its creators, per currency, kept by the same trigger statement as "AccountBalance"
-- in the same transaction as every posting. Home and the Payouts list summed every creator
-- account of the shop per request (30,000 rows for 10,000 creators, ≈ 19 ms of PostgreSQL); they
-- now read a few rows.
--
-- "stripe": as "ReportDay" (20261208110000), each writing transaction adds its change to the row
-- of its own stripe (the backend's pid modulo 16), so concurrent postings of one shop do not
-- queue on one row per account until they commit; a total is the sum over the stripes. A rebuild
-- writes stripe 0.
--
-- "positiveAccounts": how many of the shop's creator accounts of that kind and currency are above
-- zero (summed over stripes, like the balance): the Payouts list asks "who is owed?" (payable > 0)
-- and, when nobody is, need not read every creator's payable row to find out.
CREATE TABLE "ShopAccountBalance" (
  "shopId"           TEXT            NOT NULL,
  "currency"         VARCHAR(3)      NOT NULL,
  "account"          "LedgerAccount" NOT NULL,
  "stripe"           SMALLINT        NOT NULL,
  "balanceMinor"     BIGINT          NOT NULL DEFAULT 0,
  "positiveAccounts" BIGINT          NOT NULL DEFAULT 0,
  CONSTRAINT "ShopAccountBalance_pkey" PRIMARY KEY ("shopId", "currency", "account", "stripe"),
  CONSTRAINT "ShopAccountBalance_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- As "AccountBalance": the runtime reads; only the keeper (as the owner) writes.
REVOKE ALL ON "ShopAccountBalance" FROM PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "ShopAccountBalance" FROM creator_payouts_runtime;
GRANT SELECT ON "ShopAccountBalance" TO creator_payouts_runtime;

-- The keeper of 20261204100000, now one statement that upserts the creator accounts (in key
-- order, as before) and adds their changes to the shop's stripe rows: the change of each account
-- is the statement's delta, and whether it crossed zero is read from the balance the upsert
-- returns (before = after − delta; the row is locked by the upsert, so no other posting moves it
-- in between).
CREATE OR REPLACE FUNCTION keep_account_balances() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  WITH deltas AS (
    SELECT e."shopId", e."creatorId", e."currency"::varchar(3) AS "currency", e."account", SUM(e."amountMinor")::bigint AS "deltaMinor"
    FROM posted_entries e
    WHERE e."creatorId" IS NOT NULL
    GROUP BY 1, 2, 3, 4
  ), kept AS (
    INSERT INTO public."AccountBalance" AS b ("shopId", "creatorId", "currency", "account", "balanceMinor")
    SELECT d."shopId", d."creatorId", d."currency", d."account", d."deltaMinor"
    FROM deltas d
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("shopId", "creatorId", "currency", "account")
    DO UPDATE SET "balanceMinor" = b."balanceMinor" + EXCLUDED."balanceMinor"
    RETURNING b."shopId", b."creatorId", b."currency", b."account", b."balanceMinor"
  )
  INSERT INTO public."ShopAccountBalance" AS s ("shopId", "currency", "account", "stripe", "balanceMinor", "positiveAccounts")
  SELECT k."shopId", k."currency", k."account", (pg_backend_pid() % 16)::smallint,
    SUM(d."deltaMinor")::bigint,
    SUM((k."balanceMinor" > 0)::int - ((k."balanceMinor" - d."deltaMinor") > 0)::int)::bigint
  FROM kept k
  JOIN deltas d ON d."shopId" = k."shopId" AND d."creatorId" = k."creatorId" AND d."currency" = k."currency" AND d."account" = k."account"
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("shopId", "currency", "account", "stripe") DO UPDATE SET
    "balanceMinor" = s."balanceMinor" + EXCLUDED."balanceMinor",
    "positiveAccounts" = s."positiveAccounts" + EXCLUDED."positiveAccounts";
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION keep_account_balances() FROM PUBLIC;

-- The shop rows as the creator accounts say they are (stripe 0): the backfill, the rebuild and
-- the comparison below.
CREATE FUNCTION shop_account_balance_from_accounts(p_shop_id text)
RETURNS TABLE ("shopId" text, "currency" varchar(3), "account" "LedgerAccount", "balanceMinor" bigint, "positiveAccounts" bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT b."shopId", b."currency", b."account", SUM(b."balanceMinor")::bigint, COUNT(*) FILTER (WHERE b."balanceMinor" > 0)
  FROM public."AccountBalance" b
  WHERE b."shopId" = p_shop_id
  GROUP BY 1, 2, 3
$$;
REVOKE ALL ON FUNCTION shop_account_balance_from_accounts(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shop_account_balance_from_accounts(text) TO creator_payouts_runtime;

-- Rebuild and compare: for every (currency, account) where the kept shop total (over stripes)
-- differs from the sum of the shop's ledger entries on creator accounts, or its count of positive
-- accounts from the creator accounts' own: no rows, in step. Read-only; the runtime may run it.
CREATE FUNCTION shop_account_balance_drift(p_shop_id text)
RETURNS TABLE ("currency" text, "account" text, "storedMinor" bigint, "entriesMinor" bigint, "storedPositive" bigint, "accountsPositive" bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  WITH stored AS (
    SELECT s."currency", s."account", SUM(s."balanceMinor")::bigint AS total, SUM(s."positiveAccounts")::bigint AS positive
    FROM public."ShopAccountBalance" s WHERE s."shopId" = p_shop_id
    GROUP BY 1, 2
  ), entries AS (
    SELECT btrim(e."currency")::varchar(3) AS "currency", e."account", SUM(e."amountMinor")::bigint AS total
    FROM public."LedgerEntry" e
    WHERE e."shopId" = p_shop_id AND e."creatorId" IS NOT NULL
    GROUP BY 1, 2
  ), accounts AS (
    SELECT a."currency", a."account", a."positiveAccounts" AS positive FROM public.shop_account_balance_from_accounts(p_shop_id) a
  )
  SELECT COALESCE(s."currency", e."currency", a."currency")::text, COALESCE(s."account", e."account", a."account")::text,
         COALESCE(s.total, 0), COALESCE(e.total, 0), COALESCE(s.positive, 0), COALESCE(a.positive, 0)
  FROM stored s
  FULL JOIN entries e ON e."currency" = s."currency" AND e."account" = s."account"
  FULL JOIN accounts a ON a."currency" = COALESCE(s."currency", e."currency") AND a."account" = COALESCE(s."account", e."account")
  WHERE COALESCE(s.total, 0) <> COALESCE(e.total, 0) OR COALESCE(s.positive, 0) <> COALESCE(a.positive, 0)
$$;
REVOKE ALL ON FUNCTION shop_account_balance_drift(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shop_account_balance_drift(text) TO creator_payouts_runtime;

-- The repair of 20261204100000 now rebuilds the shop rows too (from the rebuilt accounts).
CREATE OR REPLACE FUNCTION rebuild_account_balances(p_shop_id text) RETURNS integer
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
  DELETE FROM public."ShopAccountBalance" WHERE "shopId" = p_shop_id;
  INSERT INTO public."ShopAccountBalance" ("shopId", "currency", "account", "stripe", "balanceMinor", "positiveAccounts")
  SELECT a."shopId", a."currency", a."account", 0, a."balanceMinor", a."positiveAccounts"
  FROM public.shop_account_balance_from_accounts(p_shop_id) a;
  RETURN corrected;
END $$;
REVOKE ALL ON FUNCTION rebuild_account_balances(text) FROM PUBLIC;

-- Existing installations: fill it from the kept accounts, with no posting in between.
LOCK TABLE "LedgerEntry" IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO "ShopAccountBalance" ("shopId", "currency", "account", "stripe", "balanceMinor", "positiveAccounts")
SELECT a."shopId", a."currency", a."account", 0, a."balanceMinor", a."positiveAccounts"
FROM "Shop" s CROSS JOIN LATERAL shop_account_balance_from_accounts(s."id") a;
