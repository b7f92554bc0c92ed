-- Reports (app/reports/read-report.server.ts): covering and partial indexes so the report's
-- set-based statement reads a period's orders, fees, adjustments and clicks
-- from indexes alone. Hand-written (INCLUDE and WHERE are not expressible in schema.prisma);
-- schema-to-schema diffs never see them, so later migrations leave them alone.

-- A period's orders with every column the report sums (index-only scan by shop and order time).
CREATE INDEX "AttributedOrder_report_idx" ON "AttributedOrder" ("shopId", "orderedAt")
  INCLUDE ("id", "creatorId", "dealId", "currency", "subtotalMinor", "refundedMinor", "isNewCustomer", "isTest", "cancelledAt", "paidAt");

-- Commission cost comes from "CommissionCost" (next migration), not from ledger joins.

CREATE INDEX "FixedFee_report_idx" ON "FixedFee" ("shopId", "createdAt");
CREATE INDEX "Adjustment_report_idx" ON "Adjustment" ("shopId", "createdAt");
CREATE INDEX "ReferralClick_report_idx" ON "ReferralClick" ("shopId", "day") INCLUDE ("creatorId");
