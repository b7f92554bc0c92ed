import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choosePayoutItems, eligibleForPayout, type AvailablePayableItem } from "./choose-payout-items";

const item = (id: string, amountMinor: number, day: number): AvailablePayableItem => ({
  id,
  amountMinor,
  payableSince: new Date(Date.UTC(2026, 0, day)),
});

describe("choosing a payout's items", () => {
  const commission = item("pa_a", 5000, 1);
  const fee = item("pa_b", 3000, 5);
  const clawback = item("pa_c", -1200, 9);

  it.each([
    { name: "everything, clawback first", amount: undefined, whole: ["pa_c", "pa_a", "pa_b"], split: null, total: 6800 },
    { name: "exactly the oldest item after netting", amount: 3800, whole: ["pa_c", "pa_a"], split: null, total: 3800 },
    {
      name: "a split of the oldest item",
      amount: 1000,
      whole: ["pa_c"],
      split: { id: "pa_a", takeMinor: 2200, keepMinor: 2800 },
      total: 1000,
    },
    {
      name: "a split of the next item",
      amount: 5000,
      whole: ["pa_c", "pa_a"],
      split: { id: "pa_b", takeMinor: 1200, keepMinor: 1800 },
      total: 5000,
    },
  ])("takes $name", ({ amount, whole, split, total }) => {
    const selection = choosePayoutItems([fee, clawback, commission], amount);
    expect(selection.whole.map((chosen) => chosen.id)).toEqual(whole);
    expect(selection.split).toEqual(split);
    expect(selection.totalMinor).toBe(total);
  });

  it("keeps a run to items payable by its end date, but always nets negative items", () => {
    const eligible = eligibleForPayout([commission, fee, clawback], new Date(Date.UTC(2026, 0, 3)));
    expect(eligible.map((chosen) => chosen.id)).toEqual(["pa_a", "pa_c"]);
  });

  it("always adds up exactly to the amount asked for", () => {
    const items = fc
      .array(fc.integer({ min: -5000, max: 20000 }), { minLength: 1, maxLength: 8 })
      .map((amounts) => amounts.map((amountMinor, index) => item(`pa_${index}`, amountMinor, ((index * 7) % 28) + 1)));
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 100_000 }), (available, wanted) => {
        const total = available.reduce((sum, candidate) => sum + candidate.amountMinor, 0);
        fc.pre(total > 0);
        const amountMinor = Math.min(wanted, total);
        const selection = choosePayoutItems(available, amountMinor);
        const taken = selection.whole.reduce((sum, chosen) => sum + chosen.amountMinor, 0) + (selection.split?.takeMinor ?? 0);
        expect(taken).toBe(amountMinor);
        expect(selection.totalMinor).toBe(amountMinor);
        if (selection.split)
          expect(selection.split.takeMinor + selection.split.keepMinor).toBe(
            available.find((c) => c.id === selection.split!.id)!.amountMinor,
          );
      }),
    );
  });
});
