-- Shop-wide kept rows ("ShopAccountBalance", "ReportDay") are striped so that concurrent writers
-- of one shop do not queue on one row. The stripe was the backend's pid modulo 16, so two open
-- transactions whose backends shared it did queue, and could deadlock: A holds stripe s and
-- creator X's balance row, B holds creator Y's row and waits for s, then A posts for Y.
-- Now a transaction takes a stripe that no other open transaction holds (one advisory lock per
-- stripe, tried from its pid's stripe on, kept until it ends), and remembers it for its later
-- writes; it waits only when all 16 are held. Readers sum over the stripes, as before.
CREATE FUNCTION writer_stripe() RETURNS smallint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  held text := current_setting('creator_payouts.writer_stripe', true);
  first int := pg_backend_pid() % 16;
  s int;
BEGIN
  IF held IS NOT NULL AND held <> '' THEN
    RETURN held::smallint;
  END IF;
  FOR i IN 0..15 LOOP
    s := (first + i) % 16;
    -- The two-key form: a lock space of its own (the app's advisory locks use one key).
    IF pg_try_advisory_xact_lock(1467052, s) THEN
      PERFORM set_config('creator_payouts.writer_stripe', s::text, true);
      RETURN s::smallint;
    END IF;
  END LOOP;
  PERFORM pg_advisory_xact_lock(1467052, first);
  PERFORM set_config('creator_payouts.writer_stripe', first::text, true);
  RETURN first::smallint;
END $$;

-- The keeper of 20261209140000 with its stripe from writer_stripe().
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
  SELECT k."shopId", k."currency", k."account", writer_stripe(),
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

-- The report keeper of 20261208110000 with its day rows' stripe from writer_stripe().
CREATE OR REPLACE FUNCTION "report_month_on_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS "change", n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS "change", d.* FROM old_rows d'
    ELSE 'SELECT 1 AS "change", n.* FROM new_rows n UNION ALL SELECT -1, d.* FROM old_rows d' END;
  contributions text := CASE TG_TABLE_NAME
    WHEN 'AttributedOrder' THEN "report_month_order_rows"('src')
    WHEN 'CommissionCost' THEN "report_month_cost_rows"('src')
    ELSE "report_month_click_rows"('src') END;
  head text;
  month_upsert text;
BEGIN
  -- A shop being deleted is no longer in "Shop": its rows contribute nothing (no zone to join).
  head := format($q$
    WITH src AS (%s),
    zones AS MATERIALIZED (SELECT s."id", "report_zone"(s."timezone") AS "zone" FROM "Shop" s WHERE s."id" IN (SELECT "shopId" FROM src))$q$,
    changed);
  month_upsert := format($q$
    INSERT INTO "ReportMonth" AS r
    SELECT d.* FROM (%s) d
    WHERE EXISTS (SELECT 1 FROM "Shop" s WHERE s."id" = d."shopId")
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("shopId", "month", "creatorId", "dealId", "currency") DO UPDATE SET
      "orders" = r."orders" + EXCLUDED."orders",
      "newCustomerOrders" = r."newCustomerOrders" + EXCLUDED."newCustomerOrders",
      "revenueMinor" = r."revenueMinor" + EXCLUDED."revenueMinor",
      "paidOrders" = r."paidOrders" + EXCLUDED."paidOrders",
      "paidNewCustomerOrders" = r."paidNewCustomerOrders" + EXCLUDED."paidNewCustomerOrders",
      "paidRevenueMinor" = r."paidRevenueMinor" + EXCLUDED."paidRevenueMinor",
      "commissionCosts" = r."commissionCosts" + EXCLUDED."commissionCosts",
      "commissionMinor" = r."commissionMinor" + EXCLUDED."commissionMinor",
      "clicks" = r."clicks" + EXCLUDED."clicks"$q$,
    "report_month_sum"(contributions));
  IF TG_TABLE_NAME = 'ReferralClick' THEN
    -- Clicks carry no money: no day rows.
    EXECUTE head || month_upsert;
  ELSE
    EXECUTE head || format($q$,
    months AS (%s)
    INSERT INTO "ReportDay" AS r
    SELECT d.* FROM (%s) d
    WHERE EXISTS (SELECT 1 FROM "Shop" s WHERE s."id" = d."shopId")
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("shopId", "day", "currency", "stripe") DO UPDATE SET
      "revenueMinor" = r."revenueMinor" + EXCLUDED."revenueMinor",
      "paidRevenueMinor" = r."paidRevenueMinor" + EXCLUDED."paidRevenueMinor",
      "commissionMinor" = r."commissionMinor" + EXCLUDED."commissionMinor"$q$,
      month_upsert, "report_day_sum"("report_day_rows"(TG_TABLE_NAME, 'src'), 'writer_stripe()'));
  END IF;
  RETURN NULL;
END $$;
