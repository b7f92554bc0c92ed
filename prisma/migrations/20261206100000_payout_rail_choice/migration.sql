-- Issue 15: the rails a shop enables and the rail a creator prefers.
ALTER TABLE "Shop" ADD COLUMN "enabledRails" "PayoutChannel"[] DEFAULT ARRAY['stripe', 'offline']::"PayoutChannel"[];
ALTER TABLE "Creator" ADD COLUMN "preferredRail" "PayoutChannel";
