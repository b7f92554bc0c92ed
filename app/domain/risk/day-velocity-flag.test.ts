import { describe, expect, it } from "vitest";
import { firstVelocityFlagPerCreator, velocityFlagOf } from "./day-velocity-flag";

const flag = (creatorId: string, rule: string, score: number, commissionId: string) => ({
  shopId: "s",
  creatorId,
  rule,
  score,
  commissionId,
});

describe("firstVelocityFlagPerCreator", () => {
  it("keeps a creator's first velocity flag per score and every other rule's", () => {
    const flags = [
      flag("a", "velocity_spike", 40, "c1"),
      flag("a", "velocity_spike", 40, "c2"),
      flag("b", "velocity_spike", 40, "c3"),
      flag("a", "leaked_code", 45, "c4"),
      flag("a", "leaked_code", 45, "c5"),
      flag("a", "velocity_spike", 55, "c5"),
      flag("a", "velocity_spike", 55, "c6"),
    ];
    expect(firstVelocityFlagPerCreator(flags).map((f) => f.commissionId)).toEqual(["c1", "c3", "c4", "c5", "c5"]);
  });
});

describe("velocityFlagOf", () => {
  const at = (iso: string) => new Date(iso);
  const day = [
    { creatorId: "a", score: 40, sentence: "10 orders", createdAt: at("2026-12-05T09:00:00Z") },
    { creatorId: "a", score: 55, sentence: "20 orders", createdAt: at("2026-12-05T12:00:00Z") },
    { creatorId: "b", score: 55, sentence: "other creator", createdAt: at("2026-12-05T08:00:00Z") },
    { creatorId: "a", score: 55, sentence: "yesterday", createdAt: at("2026-12-04T23:00:00Z") },
  ];
  it("is the creator's strongest spike raised the same UTC day at or before the commission", () => {
    expect(velocityFlagOf({ creatorId: "a", createdAt: at("2026-12-05T09:00:00Z") }, day)?.sentence).toBe("10 orders");
    expect(velocityFlagOf({ creatorId: "a", createdAt: at("2026-12-05T11:00:00Z") }, day)?.sentence).toBe("10 orders");
    expect(velocityFlagOf({ creatorId: "a", createdAt: at("2026-12-05T12:00:00Z") }, day)?.sentence).toBe("20 orders");
    expect(velocityFlagOf({ creatorId: "a", createdAt: at("2026-12-05T23:59:00Z") }, day)?.sentence).toBe("20 orders");
  });
  it("is null before the day's first spike, on another day, or for another creator", () => {
    expect(velocityFlagOf({ creatorId: "a", createdAt: at("2026-12-05T08:59:59Z") }, day)).toBeNull();
    expect(velocityFlagOf({ creatorId: "a", createdAt: at("2026-12-06T01:00:00Z") }, day)).toBeNull();
    expect(velocityFlagOf({ creatorId: "c", createdAt: at("2026-12-05T13:00:00Z") }, day)).toBeNull();
  });
});
