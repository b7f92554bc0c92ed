-- Time-ordered ids for the rows every order writes (issue 16 §1, WAL per delivery).
--
-- An id was a prefix and a random UUID, so each new row's primary-key entry (and every index
-- keyed by such an id: a commission's orderId, a transaction's auditEventId, an entry's
-- transactionId, the subject and idempotency-key indexes of commissions) landed on a random leaf
-- page: after each checkpoint nearly every insert logged a full-page image of its leaf, and
-- random inserts split leaves in halves, each split logging half a page. An id that starts with
-- the time it was made goes to the right edge of these indexes instead.
--
-- Same shape as before (prefix + 32 hex digits, a UUID without dashes): the first 12 digits are
-- the wall-clock milliseconds (not a business time; an id has no business meaning), the other 20
-- the random tail of a version-4 UUID (74 random bits). The app makes the ids it chooses itself
-- the same way (app/db/time-ordered-id.server.ts). Existing rows keep their ids.
CREATE FUNCTION "time_ordered_hex"() RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
      || substr(replace(gen_random_uuid()::text, '-', ''), 13)
$$;

ALTER TABLE "InboundEvent" ALTER COLUMN "id" SET DEFAULT ('ie_'::text || "time_ordered_hex"());
ALTER TABLE "AttributedOrder" ALTER COLUMN "id" SET DEFAULT ('ord_'::text || "time_ordered_hex"());
ALTER TABLE "Commission" ALTER COLUMN "id" SET DEFAULT ('cm_'::text || "time_ordered_hex"());
ALTER TABLE "RiskFlag" ALTER COLUMN "id" SET DEFAULT ('rk_'::text || "time_ordered_hex"());
ALTER TABLE "Clawback" ALTER COLUMN "id" SET DEFAULT ('cb_'::text || "time_ordered_hex"());
ALTER TABLE "AuditEvent" ALTER COLUMN "id" SET DEFAULT ('ev_'::text || "time_ordered_hex"());
ALTER TABLE "LedgerTransaction" ALTER COLUMN "id" SET DEFAULT ('ltx_'::text || "time_ordered_hex"());
ALTER TABLE "LedgerEntry" ALTER COLUMN "id" SET DEFAULT ('le_'::text || "time_ordered_hex"());
