-- PayPal: one batch per run (issue 15). An attempt paid as an item of a rail's batch names the
-- batch (sender_batch_id) and, once known, the rail's id of it (payout_batch_id).
ALTER TABLE "PayoutAttempt" ADD COLUMN "batchKey" TEXT;
ALTER TABLE "PayoutAttempt" ADD COLUMN "railBatchId" TEXT;
CREATE INDEX "PayoutAttempt_batchKey_idx" ON "PayoutAttempt"("batchKey");

-- PayPal webhook deliveries are recorded as inbound events, as Shopify's and Stripe's are.
ALTER TYPE "InboundSource" ADD VALUE IF NOT EXISTS 'paypal';
