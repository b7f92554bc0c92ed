-- Issue 16 goal 5: the creator page's lifetime figures (readCreatorLifetimeRoi) read one
-- creator's "ReportMonth" rows across every month. The primary key leads with (shopId, month),
-- so that read walked every creator's rows of every month (10,000 creators × 12 months a year)
-- to keep one creator's. This index reads just that creator's months. Its columns never change
-- on the upserts that add to a month, so those stay HOT updates; only a creator's first order
-- (or click) in a month writes an entry.
CREATE INDEX "ReportMonth_shopId_creatorId_month_idx" ON "ReportMonth" ("shopId", "creatorId", "month");
