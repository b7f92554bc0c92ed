-- Ledger transaction kinds and subject types are enums (issue 12 item 7): the database refuses a
-- kind or subject the code does not know, as it already did for accounts ("LedgerAccount").
CREATE TYPE "LedgerTransactionKind" AS ENUM ('earn_commission', 'release_hold', 'add_fee', 'approve_deliverable', 'adjustment', 'reserve_for_payout', 'pay_stripe', 'pay_offline', 'cancel_payout', 'reverse_transfer', 'reject_commission', 'reverse_commission', 'clawback', 'commission_recompute', 'commission_top_up', 'cancel_fee');

CREATE TYPE "LedgerSubjectType" AS ENUM ('commission', 'fixed_fee', 'payout', 'adjustment');

-- Existing rows convert in place (a row with another value would stop the migration: none is
-- ever written by the app). ALTER TYPE rewrites the table without firing its row triggers, so the
-- append-only rule and the balance triggers are untouched; the (shopId, subjectType, subjectId)
-- index is rebuilt. The trigger functions compare with literals ('commission'), which resolve to
-- the enum, and the runtime role keeps its privileges (types are usable by PUBLIC).
ALTER TABLE "LedgerTransaction"
  ALTER COLUMN "kind" TYPE "LedgerTransactionKind" USING "kind"::"LedgerTransactionKind",
  ALTER COLUMN "subjectType" TYPE "LedgerSubjectType" USING "subjectType"::"LedgerSubjectType";
