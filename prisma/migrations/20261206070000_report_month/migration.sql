-- Issue 16 §3: "ReportMonth", the report's figures per shop, calendar month (in the shop's time
-- zone), creator, deal and currency, kept by the database in the same transaction as the writes
-- that change them. Reports read whole months from here and only the period's edge days from the
-- base tables (app/reports/read-report.server.ts, app/reports/report-month-plan.ts).
--
-- Why triggers rather than the same statements in the doors: the figures come from three tables
-- written on several paths (order processing — being rewritten set-based —, the ledger's
-- CommissionCost trigger, clicks, redaction, the demo and bench seeds); a trigger cannot be
-- forgotten by a new path. They are statement-level with transition tables, so a set-based batch
-- costs one grouped upsert per statement, not one per row, and an update that changes no figure
-- (most order updates) writes nothing.
--
-- Key columns use '' for "none" (a primary key has no NULLs): creatorId '' (a commission cost
-- without a creator), dealId '' (no deal), currency '' (click rows, which carry no money).
CREATE TABLE "ReportMonth" (
  "shopId"                TEXT       NOT NULL,
  "month"                 DATE       NOT NULL,
  "creatorId"             TEXT       NOT NULL,
  "dealId"                TEXT       NOT NULL,
  "currency"              VARCHAR(3) NOT NULL,
  -- Orders credited to a creator, not test, not cancelled; "paid…" the same among paid orders
  -- (which set a report reads follows the shop's countPaidOrdersOnly, a setting that may change).
  "orders"                BIGINT     NOT NULL DEFAULT 0,
  "newCustomerOrders"     BIGINT     NOT NULL DEFAULT 0,
  "revenueMinor"          BIGINT     NOT NULL DEFAULT 0,
  "paidOrders"            BIGINT     NOT NULL DEFAULT 0,
  "paidNewCustomerOrders" BIGINT     NOT NULL DEFAULT 0,
  "paidRevenueMinor"      BIGINT     NOT NULL DEFAULT 0,
  -- "CommissionCost" rows and their sum: the report lists a group that has cost rows even when
  -- they sum to zero (a reversed commission), so the count is kept beside the amount.
  "commissionCosts"       BIGINT     NOT NULL DEFAULT 0,
  "commissionMinor"       BIGINT     NOT NULL DEFAULT 0,
  "clicks"                BIGINT     NOT NULL DEFAULT 0,
  CONSTRAINT "ReportMonth_pkey" PRIMARY KEY ("shopId", "month", "creatorId", "dealId", "currency"),
  CONSTRAINT "ReportMonth_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The zone PostgreSQL uses for a shop's months: its time zone, or UTC when PostgreSQL does not know
-- the name (as shopZone() in app/domain/calendar.ts falls back), so a bad setting never fails a write.
CREATE FUNCTION "report_zone"(zone text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM now() AT TIME ZONE zone;
  RETURN zone;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN 'UTC';
END $$;

-- The contributions of rows of a relation named `rel` (with a "change" column, +1 or -1) to the
-- aggregate's columns, one SELECT per source table. They join `zones` (shop id → zone), which the
-- enclosing statement computes once per shop.
CREATE FUNCTION "report_month_order_rows"(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
  SELECT o."shopId", date_trunc('month', (o."orderedAt" AT TIME ZONE 'UTC') AT TIME ZONE z."zone")::date AS "month",
    o."creatorId", COALESCE(o."dealId", '') AS "dealId", o."currency"::varchar(3) AS "currency",
    o."change" AS "orders",
    CASE WHEN o."isNewCustomer" THEN o."change" ELSE 0 END AS "newCustomerOrders",
    o."change" * (o."subtotalMinor" - o."refundedMinor") AS "revenueMinor",
    CASE WHEN o."paidAt" IS NOT NULL THEN o."change" ELSE 0 END AS "paidOrders",
    CASE WHEN o."paidAt" IS NOT NULL AND o."isNewCustomer" THEN o."change" ELSE 0 END AS "paidNewCustomerOrders",
    CASE WHEN o."paidAt" IS NOT NULL THEN o."change" * (o."subtotalMinor" - o."refundedMinor") ELSE 0 END AS "paidRevenueMinor",
    0 AS "commissionCosts", 0 AS "commissionMinor", 0 AS "clicks"
  FROM %1$I o JOIN zones z ON z."id" = o."shopId"
  WHERE o."creatorId" IS NOT NULL AND NOT o."isTest" AND o."cancelledAt" IS NULL$q$, rel)
$f$;

CREATE FUNCTION "report_month_cost_rows"(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
  SELECT c."shopId", date_trunc('month', (c."orderedAt" AT TIME ZONE 'UTC') AT TIME ZONE z."zone")::date AS "month",
    COALESCE(c."creatorId", '') AS "creatorId", COALESCE(c."dealId", '') AS "dealId", c."currency"::varchar(3) AS "currency",
    0 AS "orders", 0 AS "newCustomerOrders", 0 AS "revenueMinor", 0 AS "paidOrders", 0 AS "paidNewCustomerOrders",
    0 AS "paidRevenueMinor", c."change" AS "commissionCosts", c."change" * c."amountMinor" AS "commissionMinor", 0 AS "clicks"
  FROM %1$I c JOIN zones z ON z."id" = c."shopId"$q$, rel)
$f$;

-- A click's day is already the shop's calendar day.
CREATE FUNCTION "report_month_click_rows"(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
  SELECT k."shopId", date_trunc('month', k."day")::date AS "month", k."creatorId", '' AS "dealId", ''::varchar(3) AS "currency",
    0 AS "orders", 0 AS "newCustomerOrders", 0 AS "revenueMinor", 0 AS "paidOrders", 0 AS "paidNewCustomerOrders",
    0 AS "paidRevenueMinor", 0 AS "commissionCosts", 0 AS "commissionMinor", k."change" AS "clicks"
  FROM %1$I k$q$, rel)
$f$;

-- Contributions summed per aggregate row; rows whose every figure nets to zero are left out.
CREATE FUNCTION "report_month_sum"(contributions text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
  SELECT c."shopId", c."month", c."creatorId", c."dealId", c."currency",
    SUM(c."orders")::bigint AS "orders", SUM(c."newCustomerOrders")::bigint AS "newCustomerOrders",
    SUM(c."revenueMinor")::bigint AS "revenueMinor", SUM(c."paidOrders")::bigint AS "paidOrders",
    SUM(c."paidNewCustomerOrders")::bigint AS "paidNewCustomerOrders", SUM(c."paidRevenueMinor")::bigint AS "paidRevenueMinor",
    SUM(c."commissionCosts")::bigint AS "commissionCosts", SUM(c."commissionMinor")::bigint AS "commissionMinor",
    SUM(c."clicks")::bigint AS "clicks"
  FROM (%s) c
  GROUP BY 1, 2, 3, 4, 5
  HAVING SUM(c."orders") <> 0 OR SUM(c."newCustomerOrders") <> 0 OR SUM(c."revenueMinor") <> 0
    OR SUM(c."paidOrders") <> 0 OR SUM(c."paidNewCustomerOrders") <> 0 OR SUM(c."paidRevenueMinor") <> 0
    OR SUM(c."commissionCosts") <> 0 OR SUM(c."commissionMinor") <> 0 OR SUM(c."clicks") <> 0$q$, contributions)
$f$;

-- The aggregate recomputed from the base tables for one shop (the rebuild and the comparison in
-- app/reports/report-months.server.ts, the backfill below, a change of the shop's time zone).
CREATE FUNCTION "report_month_from_base"(shop text) RETURNS SETOF "ReportMonth" LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    WITH zones AS MATERIALIZED (SELECT s."id", "report_zone"(s."timezone") AS "zone" FROM "Shop" s WHERE s."id" = $1),
    orders AS (SELECT 1 AS "change", o.* FROM "AttributedOrder" o WHERE o."shopId" = $1),
    costs AS (SELECT 1 AS "change", c.* FROM "CommissionCost" c WHERE c."shopId" = $1),
    clicks AS (SELECT 1 AS "change", k.* FROM "ReferralClick" k WHERE k."shopId" = $1)
    %s$q$,
    "report_month_sum"("report_month_order_rows"('orders') || ' UNION ALL ' || "report_month_cost_rows"('costs')
      || ' UNION ALL ' || "report_month_click_rows"('clicks')))
  USING shop;
END $$;

-- One trigger function for the three tables and three events. Transition tables (new_rows,
-- old_rows) are visible to EXECUTE in the trigger function itself, so the statement is built
-- here. Rows are upserted in key order, so concurrent transactions lock them in the same order.
CREATE FUNCTION "report_month_on_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS "change", n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS "change", d.* FROM old_rows d'
    ELSE 'SELECT 1 AS "change", n.* FROM new_rows n UNION ALL SELECT -1, d.* FROM old_rows d' END;
  contributions text := CASE TG_TABLE_NAME
    WHEN 'AttributedOrder' THEN "report_month_order_rows"('src')
    WHEN 'CommissionCost' THEN "report_month_cost_rows"('src')
    ELSE "report_month_click_rows"('src') END;
BEGIN
  -- A shop being deleted is no longer in "Shop": its rows contribute nothing (no zone to join).
  EXECUTE format($q$
    WITH src AS (%s),
    zones AS MATERIALIZED (SELECT s."id", "report_zone"(s."timezone") AS "zone" FROM "Shop" s WHERE s."id" IN (SELECT "shopId" FROM src))
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
    changed, "report_month_sum"(contributions));
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger: three per table.
CREATE TRIGGER "report_month_order_insert" AFTER INSERT ON "AttributedOrder"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();
CREATE TRIGGER "report_month_order_update" AFTER UPDATE ON "AttributedOrder"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();
CREATE TRIGGER "report_month_order_delete" AFTER DELETE ON "AttributedOrder"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();

CREATE TRIGGER "report_month_cost_insert" AFTER INSERT ON "CommissionCost"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();
CREATE TRIGGER "report_month_cost_update" AFTER UPDATE ON "CommissionCost"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();
CREATE TRIGGER "report_month_cost_delete" AFTER DELETE ON "CommissionCost"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();

CREATE TRIGGER "report_month_click_insert" AFTER INSERT ON "ReferralClick"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();
CREATE TRIGGER "report_month_click_update" AFTER UPDATE ON "ReferralClick"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();
CREATE TRIGGER "report_month_click_delete" AFTER DELETE ON "ReferralClick"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_month_on_change"();

-- A new time zone moves month boundaries: the shop's rows are recomputed (rare, and set-based).
CREATE FUNCTION "report_month_on_shop_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReportMonth" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportMonth" SELECT * FROM "report_month_from_base"(NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "report_month_shop_zone" AFTER UPDATE OF "timezone" ON "Shop"
  FOR EACH ROW WHEN (OLD."timezone" IS DISTINCT FROM NEW."timezone") EXECUTE FUNCTION "report_month_on_shop_zone"();

-- Existing installations: fill it from the base tables.
INSERT INTO "ReportMonth" SELECT m.* FROM "Shop" s CROSS JOIN LATERAL "report_month_from_base"(s."id") m;
