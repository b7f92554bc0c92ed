-- Revocable Stripe onboarding links: the id of the creator's one live link and when it expires.
-- Links issued before this migration carry no id and are refused as expired.
ALTER TABLE "Creator" ADD COLUMN "stripeOnboardingLinkId" TEXT,
ADD COLUMN "stripeOnboardingLinkExpiresAt" TIMESTAMP(3);
