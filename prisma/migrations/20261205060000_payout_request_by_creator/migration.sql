-- The creator portal lists a creator's withdrawal requests (newest first): an index on shop +
-- creator, so that read never scans the shop's other requests. IF NOT EXISTS: another branch may
-- add the same index for the admin side.
CREATE INDEX IF NOT EXISTS "PayoutRequest_shopId_creatorId_createdAt_idx" ON "PayoutRequest"("shopId", "creatorId", "createdAt");
