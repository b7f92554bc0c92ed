-- Issue 16 §1 (WAL per delivery): an inbound event's row is written three times (recorded,
-- claimed, its outcome), and an UPDATE writes the whole new row version to the WAL. A ≈ 4 KiB
-- order body compresses to ≈ 1.7 KiB and, under the default 2 KiB threshold, stays inside the
-- row, so each claim and each outcome logged it again (pg_walinspect: ≈ 3.4 KiB of Heap/UPDATE per
-- order worked). With a 128-byte target the body is compressed and kept out of line in the TOAST
-- table once, at recording; later versions of the row carry an 18-byte pointer to it. Applies to
-- rows written from now on; reading the body costs one TOAST fetch.
ALTER TABLE "InboundEvent" SET (toast_tuple_target = 128);
