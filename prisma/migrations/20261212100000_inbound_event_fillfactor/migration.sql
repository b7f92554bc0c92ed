-- "InboundEvent" pages filled to half (issue 16 §1, WAL per delivery). An event's row is written
-- twice: recorded, then given its outcome. The outcome cannot be a HOT update ("status" is in the
-- predicates of the partial indexes), but when its new row version fits on the same page,
-- PostgreSQL logs only the bytes that differ from the old version (about 120 B instead of the whole
-- 250 B row). Half a page left free holds the new versions of the page's rows while a batch's
-- transaction still keeps the old ones. Costs the heap twice the pages (the body is in TOAST, which
-- this does not change). Applies to pages written from now on; existing pages stay as they are.
ALTER TABLE "InboundEvent" SET (fillfactor = 50);
