import { describe, expect, it } from "vitest";
import { velocitySpikeSignal } from "./velocity-spike";

describe("velocitySpikeSignal", () => {
  it.each([
    ["under 10 orders", 9, 0, null],
    ["10 orders, no history", 10, 0, 40],
    ["usual busy creator", 40, 900, null],
    ["five times the usual day", 50, 300, 40],
    ["twenty times the usual day", 40, 60, 55],
    ["just under five times", 49, 300, null],
  ])("%s", (_, ordersLast24Hours, ordersPrevious30Days, score) => {
    expect(velocitySpikeSignal({ ordersLast24Hours, ordersPrevious30Days })?.score ?? null).toBe(score);
  });
});
