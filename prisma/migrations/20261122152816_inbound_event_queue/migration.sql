-- AlterEnum
ALTER TYPE "InboundStatus" ADD VALUE 'deferred';

-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- Hand-written: the drain claims due events with
--   WHERE status = 'received' AND "nextAttemptAt" <= now() ORDER BY "nextAttemptAt" LIMIT n
-- A partial index keeps only the queue (not the millions of worked events) and serves that
-- order directly. Existing received events become due at once (nextAttemptAt = now above).
CREATE INDEX "InboundEvent_due_idx" ON "InboundEvent" ("nextAttemptAt") WHERE "status" = 'received';
