-- One order velocity spike flag per creator, UTC day and score (issue 16 §1, WAL per delivery).
-- A spike is a fact about a creator's day: flagging every order after the tenth wrote a RiskFlag
-- row, its three index entries and a lock of its commission per order. The flag stays on the
-- commission that raised it; the Risk screen shows it on every later commission of that creator
-- the same day (app/domain/risk/day-velocity-flag.ts). A stronger spike (score 55 after 40) is a
-- new flag. The unique index lets concurrent batches raise it once (INSERT … ON CONFLICT DO NOTHING).

-- Existing flags: keep the first of each creator, day and score; the later ones repeat it.
DELETE FROM "RiskFlag" f
 USING "RiskFlag" first
 WHERE f."rule" = 'velocity_spike' AND first."rule" = 'velocity_spike'
   AND first."shopId" = f."shopId" AND first."creatorId" = f."creatorId"
   AND first."score" = f."score" AND first."createdAt"::date = f."createdAt"::date
   AND (first."createdAt", first."id") < (f."createdAt", f."id");

CREATE UNIQUE INDEX "RiskFlag_velocity_day_key" ON "RiskFlag" ("shopId", "creatorId", (("createdAt")::date), "score")
  WHERE "rule" = 'velocity_spike';
