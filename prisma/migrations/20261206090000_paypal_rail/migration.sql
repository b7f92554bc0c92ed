-- Issue 15, item 4: the PayPal Payouts rail gets its own ledger account, movement kind and
-- channel, appended to the existing enums in place as 20261206040000_payout_rails did for store
-- credit (existing rows keep theirs; none of the new values is used in this migration).
ALTER TYPE "LedgerAccount" ADD VALUE IF NOT EXISTS 'paid_paypal';
ALTER TYPE "LedgerTransactionKind" ADD VALUE IF NOT EXISTS 'pay_paypal';
ALTER TYPE "PayoutChannel" ADD VALUE IF NOT EXISTS 'paypal';
