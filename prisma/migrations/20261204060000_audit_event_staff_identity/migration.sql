-- Who acted, by name and email, for staff actors (from Shopify's online access token).
-- Nullable and additive: old and new app instances can overlap during a rollout.
ALTER TABLE "AuditEvent" ADD COLUMN "actorName" TEXT,
ADD COLUMN "actorEmail" TEXT;
