import { describe, expect, it } from "vitest";
import { type CommissionPosting, type CommissionState, planCommissionPosting } from "./plan-commission-posting";

const owed = (deservedMinor: number) => ({ deservedMinor, zeroBecauseRefundedOrCanceled: false });
const finalZero = { deservedMinor: 0, zeroBecauseRefundedOrCanceled: true };

describe("what to post when an order's commission is recomputed", () => {
  it.each<[string, CommissionState, { deservedMinor: number; zeroBecauseRefundedOrCanceled: boolean }, CommissionPosting]>([
    ["a paid order earns into held", { status: "none" }, owed(766), { kind: "create", status: "held", amountMinor: 766 }],
    ["an order deserving nothing creates nothing", { status: "none" }, owed(0), { kind: "nothing" }],
    [
      "a paid order already canceled or fully refunded records a reversed commission",
      { status: "none" },
      finalZero,
      { kind: "create_reversed" },
    ],
    ["a refund in the hold adjusts held", { status: "held", postedMinor: 766 }, owed(574), { kind: "adjust_held", diffMinor: -192 }],
    [
      "an edit adding items in the hold adjusts held up",
      { status: "held", postedMinor: 574 },
      owed(766),
      { kind: "adjust_held", diffMinor: 192 },
    ],
    ["a replay changes nothing", { status: "held", postedMinor: 574 }, owed(574), { kind: "nothing" }],
    [
      "a cancel in the hold reverses what was posted",
      { status: "held", postedMinor: 574 },
      finalZero,
      { kind: "reverse", amountMinor: 574 },
    ],
    [
      "a zero that a newer version could lift only adjusts held to 0",
      { status: "held", postedMinor: 574 },
      owed(0),
      { kind: "adjust_held", diffMinor: -574 },
    ],
    ["a refund after approval is clawed back", { status: "approved", postedMinor: 766 }, owed(574), { kind: "clawback", amountMinor: 192 }],
    [
      "a cancel after payment claws back everything",
      { status: "paid", postedMinor: 766 },
      finalZero,
      { kind: "clawback", amountMinor: 766 },
    ],
    [
      "more deserved after approval is topped up",
      { status: "approved", postedMinor: 574 },
      owed(766),
      { kind: "top_up", amountMinor: 192 },
    ],
    ["a paid commission replayed changes nothing", { status: "paid", postedMinor: 574 }, owed(574), { kind: "nothing" }],
    ["a rejected commission never changes", { status: "rejected", postedMinor: 766 }, owed(100), { kind: "nothing" }],
    ["a reversed commission never changes", { status: "reversed", postedMinor: 0 }, owed(766), { kind: "nothing" }],
  ])("%s", (_name, state, deserved, expected) => {
    expect(planCommissionPosting(state, deserved)).toEqual(expected);
  });
});
