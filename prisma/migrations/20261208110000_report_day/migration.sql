-- Issue 16 §3: "ReportDay", the Reports chart's daily series per shop, day (in the shop's time
-- zone) and currency — revenue (all and paid orders) and commission cost —, kept by the same
-- statement-level trigger as "ReportMonth", in the same statement. The chart read about 250,000
-- orders and as many commission costs per "last 90 days" request (≈ 100 ms of PostgreSQL CPU at
-- 1M orders); from here it reads at most a few rows per day.
--
-- "stripe": every transaction that changes a figure adds its change to the row of its own
-- stripe (the backend's pid modulo 16), so concurrent order batches of one shop do not queue on
-- one row per shop and day until they commit; a day's figure is the sum over its stripes. A
-- recompute from the base tables writes stripe 0.
CREATE TABLE "ReportDay" (
  "shopId"           TEXT       NOT NULL,
  "day"              DATE       NOT NULL,
  "currency"         VARCHAR(3) NOT NULL,
  "stripe"           SMALLINT   NOT NULL,
  -- Orders credited to a creator, not test, not cancelled: subtotal minus refunds ("paid…" among paid orders).
  "revenueMinor"     BIGINT     NOT NULL DEFAULT 0,
  "paidRevenueMinor" BIGINT     NOT NULL DEFAULT 0,
  -- "CommissionCost" summed by the order's day.
  "commissionMinor"  BIGINT     NOT NULL DEFAULT 0,
  CONSTRAINT "ReportDay_pkey" PRIMARY KEY ("shopId", "day", "currency", "stripe"),
  CONSTRAINT "ReportDay_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The contributions of the rows of relation `rel` (with a "change" column, +1 or -1) of table
-- `tbl` ("AttributedOrder" or "CommissionCost") to the day rows; they join `zones` as
-- "report_month_order_rows" and "report_month_cost_rows" do (same day, same filters).
CREATE FUNCTION "report_day_rows"(tbl text, rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT CASE tbl WHEN 'AttributedOrder' THEN format($q$
  SELECT o."shopId", ((o."orderedAt" AT TIME ZONE 'UTC') AT TIME ZONE z."zone")::date AS "day", o."currency"::varchar(3) AS "currency",
    o."change" * (o."subtotalMinor" - o."refundedMinor") AS "revenueMinor",
    CASE WHEN o."paidAt" IS NOT NULL THEN o."change" * (o."subtotalMinor" - o."refundedMinor") ELSE 0 END AS "paidRevenueMinor",
    0::bigint AS "commissionMinor"
  FROM %1$I o JOIN zones z ON z."id" = o."shopId"
  WHERE o."creatorId" IS NOT NULL AND NOT o."isTest" AND o."cancelledAt" IS NULL$q$, rel)
ELSE format($q$
  SELECT c."shopId", ((c."orderedAt" AT TIME ZONE 'UTC') AT TIME ZONE z."zone")::date AS "day", c."currency"::varchar(3) AS "currency",
    0::bigint AS "revenueMinor", 0::bigint AS "paidRevenueMinor", c."change" * c."amountMinor" AS "commissionMinor"
  FROM %1$I c JOIN zones z ON z."id" = c."shopId"$q$, rel)
END
$f$;

-- Contributions summed per (shop, day, currency) into `stripe` (an SQL expression); changes that
-- net to zero are left out.
CREATE FUNCTION "report_day_sum"(contributions text, stripe text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
  SELECT c."shopId", c."day", c."currency", (%2$s)::smallint AS "stripe",
    SUM(c."revenueMinor")::bigint AS "revenueMinor", SUM(c."paidRevenueMinor")::bigint AS "paidRevenueMinor",
    SUM(c."commissionMinor")::bigint AS "commissionMinor"
  FROM (%1$s) c
  GROUP BY 1, 2, 3
  HAVING SUM(c."revenueMinor") <> 0 OR SUM(c."paidRevenueMinor") <> 0 OR SUM(c."commissionMinor") <> 0$q$, contributions, stripe)
$f$;

-- The day rows recomputed from the base tables for one shop, all in stripe 0 (the rebuild and the
-- comparison in app/reports/report-days.server.ts, the backfill below, a change of time zone).
CREATE FUNCTION "report_day_from_base"(shop text) RETURNS SETOF "ReportDay" LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    WITH zones AS MATERIALIZED (SELECT s."id", "report_zone"(s."timezone") AS "zone" FROM "Shop" s WHERE s."id" = $1),
    orders AS (SELECT 1 AS "change", o.* FROM "AttributedOrder" o WHERE o."shopId" = $1),
    costs AS (SELECT 1 AS "change", c.* FROM "CommissionCost" c WHERE c."shopId" = $1)
    %s$q$,
    "report_day_sum"("report_day_rows"('AttributedOrder', 'orders') || ' UNION ALL ' || "report_day_rows"('CommissionCost', 'costs'), '0'))
  USING shop;
END $$;

-- The trigger function of 20261206070000_report_month, now also upserting the day rows for
-- orders and commission costs, in the same statement (one plan per firing, the transition table
-- read once into the statement's "src").
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
      month_upsert, "report_day_sum"("report_day_rows"(TG_TABLE_NAME, 'src'), 'pg_backend_pid() % 16'));
  END IF;
  RETURN NULL;
END $$;

-- A new time zone moves day and month boundaries: the shop's rows of both are recomputed.
CREATE OR REPLACE FUNCTION "report_month_on_shop_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReportMonth" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportMonth" SELECT * FROM "report_month_from_base"(NEW."id");
  DELETE FROM "ReportDay" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportDay" SELECT * FROM "report_day_from_base"(NEW."id");
  RETURN NULL;
END $$;

-- Existing installations: fill it from the base tables.
INSERT INTO "ReportDay" SELECT d.* FROM "Shop" s CROSS JOIN LATERAL "report_day_from_base"(s."id") d;
