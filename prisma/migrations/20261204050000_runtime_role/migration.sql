-- The app runs as a role that cannot edit or erase the ledger and the audit trail (README,
-- "Database roles"). Migrations run as the owner of the tables; the app's login role is a member
-- of the NOLOGIN group `creator_payouts_runtime`, which holds the runtime's privileges:
--   * SELECT, INSERT on "LedgerEntry", "LedgerTransaction", "AuditEvent" (append-only);
--   * SELECT, INSERT, UPDATE, DELETE on the other tables ("Shop": no DELETE), never TRUNCATE;
--   * nothing on "_prisma_migrations"; the job queue schema is granted after graphile-worker's
--     own migrations (scripts/migrate-database.ts).
-- Shop redaction, the one deletion of ledger and audit rows, is the SECURITY DEFINER function
-- redact_shop() below; the session setting that used to open the append-only guard is gone.

-- Roles are cluster-wide: create the group only where an administrator has not (needs CREATEROLE).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'creator_payouts_runtime') THEN
    CREATE ROLE creator_payouts_runtime NOLOGIN;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO creator_payouts_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO creator_payouts_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO creator_payouts_runtime;
REVOKE ALL ON "_prisma_migrations" FROM creator_payouts_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON "LedgerEntry", "LedgerTransaction", "AuditEvent" FROM creator_payouts_runtime;
-- A shop's rows go only through redact_shop() (a cascade from "Shop" reaches the ledger).
REVOKE DELETE, TRUNCATE ON "Shop" FROM creator_payouts_runtime;

-- Tables and sequences later migrations create (as this owner) get the runtime's normal DML.
-- A migration that adds an append-only table must REVOKE UPDATE, DELETE on it like above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO creator_payouts_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO creator_payouts_runtime;

-- The transactions in which redact_shop() is deleting a shop. Only the owner writes it (the
-- function runs as the owner); the append-only guard reads it. Unlike a session setting, no
-- runtime session can put itself in here.
CREATE TABLE redaction_in_progress (
  transaction_id xid8 PRIMARY KEY DEFAULT pg_current_xact_id(),
  shop_domain    text NOT NULL
);
REVOKE ALL ON redaction_in_progress FROM PUBLIC, creator_payouts_runtime;
GRANT SELECT ON redaction_in_progress TO creator_payouts_runtime;

CREATE OR REPLACE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (
    SELECT 1 FROM public.redaction_in_progress WHERE transaction_id = pg_catalog.pg_current_xact_id()
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- shop/redact: deletes everything held for the shop of a recorded, not yet worked `shop/redact`
-- delivery, unless the shop installed the app again after that delivery was received (a late
-- request from a backlog must not erase a live shop). The delivery itself is kept, detached from
-- the shop, as the record that the redaction happened. Returns 'deleted', 'nothing_held' or
-- 'reinstalled'.
CREATE FUNCTION redact_shop(shop_redact_event_id text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  request public."InboundEvent"%ROWTYPE;
  target  public."Shop"%ROWTYPE;
BEGIN
  SELECT * INTO request FROM public."InboundEvent" WHERE "id" = shop_redact_event_id FOR UPDATE;
  IF NOT FOUND OR request."source" <> 'shopify' OR request."topic" <> 'shop/redact'
     OR request."shopDomain" IS NULL OR request."status" <> 'received' THEN
    RAISE EXCEPTION 'redact_shop: % is not a recorded shop/redact delivery waiting to be worked', shop_redact_event_id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Locked: a reinstall (record-shop-installed.server.ts) waits for us, or we see its install time.
  SELECT * INTO target FROM public."Shop" WHERE "domain" = request."shopDomain" FOR UPDATE;
  IF FOUND AND target."installedAt" > request."receivedAt" THEN
    RETURN 'reinstalled';
  END IF;

  INSERT INTO public.redaction_in_progress (shop_domain) VALUES (request."shopDomain");
  UPDATE public."InboundEvent" SET "shopId" = NULL WHERE "id" = request."id";
  DELETE FROM public."Session" WHERE "shop" = request."shopDomain";
  DELETE FROM public."InboundEvent" WHERE "shopDomain" = request."shopDomain" AND "id" <> request."id";
  IF target."id" IS NOT NULL THEN
    DELETE FROM public."Shop" WHERE "id" = target."id";
  END IF;
  DELETE FROM public.redaction_in_progress WHERE transaction_id = pg_catalog.pg_current_xact_id();
  RETURN CASE WHEN target."id" IS NULL THEN 'nothing_held' ELSE 'deleted' END;
END $$;
REVOKE ALL ON FUNCTION redact_shop(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redact_shop(text) TO creator_payouts_runtime;

-- redact_shop() compares a delivery's "receivedAt" with the shop's "installedAt"; both hold UTC
-- like every timestamp column here (Prisma's convention), also on a server whose TimeZone is not
-- UTC (the column default used to be the server's local time).
ALTER TABLE "InboundEvent" ALTER COLUMN "receivedAt" SET DEFAULT (now() AT TIME ZONE 'UTC');
