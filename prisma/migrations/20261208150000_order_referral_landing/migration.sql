-- Leaked codes by share (issue 17 §2): which creator code credited an order and whether the buyer
-- landed through the creator's referral link. Older rows keep a null code and are not counted.
-- A constant default: PostgreSQL adds both columns without rewriting the table.
ALTER TABLE "AttributedOrder" ADD COLUMN "attributedCode" TEXT,
ADD COLUMN "referralLanding" BOOLEAN NOT NULL DEFAULT false;
