import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchOpenRequests, type OpenRequest } from "./open-requests";

const request = (id: string, amountMinor: number, day: number): OpenRequest => ({
  id,
  amountMinor,
  createdAt: new Date(Date.UTC(2026, 1, day)),
});

describe("a payout meets the creator's open requests", () => {
  it("satisfies every request it covers, oldest first", () => {
    const match = matchOpenRequests({
      payoutMinor: 10000,
      payableMinor: 10000,
      requests: [request("b", 3000, 5), request("a", 5000, 2)],
    });
    expect(match).toEqual({ ok: true, satisfied: [request("a", 5000, 2), request("b", 3000, 5)] });
  });

  it("leaves a request it does not cover alone when what stays payable still covers it", () => {
    const match = matchOpenRequests({ payoutMinor: 4000, payableMinor: 10000, requests: [request("a", 5000, 2)] });
    expect(match).toEqual({ ok: true, satisfied: [] });
  });

  it("refuses a payout that would strand a request", () => {
    const match = matchOpenRequests({ payoutMinor: 4000, payableMinor: 6000, requests: [request("a", 5000, 2)] });
    expect(match).toEqual({ ok: false, uncoveredMinor: 5000, leftMinor: 2000 });
  });

  it("never leaves open requests asking for more than stays payable", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 200_000 }),
        (amounts, slackMinor, payoutSeed) => {
          const requests = amounts.map((amount, index) => request(`r${index}`, amount, index + 1));
          // Requests are accepted only within the payable balance (requestPayout).
          const payableMinor = amounts.reduce((sum, amount) => sum + amount, 0) + slackMinor;
          // A payout takes at most what is payable, so with nothing payable there is none.
          fc.pre(payableMinor > 0);
          const payoutMinor = 1 + (payoutSeed % Math.max(1, payableMinor));
          const match = matchOpenRequests({ payoutMinor, payableMinor, requests });
          if (!match.ok) return;
          const satisfiedMinor = match.satisfied.reduce((sum, r) => sum + r.amountMinor, 0);
          expect(satisfiedMinor).toBeLessThanOrEqual(payoutMinor);
          const openMinor = amounts.reduce((sum, amount) => sum + amount, 0) - satisfiedMinor;
          expect(openMinor).toBeLessThanOrEqual(payableMinor - payoutMinor);
        },
      ),
    );
  });
});
