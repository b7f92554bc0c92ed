-- Issue 16 §1 (WAL per delivery): the drain writes one audit event per batch of postings instead
-- of one per posting (post-ledger-transactions.server.ts, `auditPerBatch`). The batch event
-- (subjectType 'ledger_batch') keeps each posting's action, subject, before and after under its
-- ledger transaction's id; the audit export lists them one row per posting as before. Several
-- transactions may therefore share an audit event: the unique index becomes a plain one (the
-- export and the deal page still join transactions to their event through it).
DROP INDEX "LedgerTransaction_auditEventId_key";
CREATE INDEX "LedgerTransaction_auditEventId_idx" ON "LedgerTransaction"("auditEventId");
