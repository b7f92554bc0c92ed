import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countOf } from "../domain/plural";
import { homeAlerts } from "./home-alerts";

const none = { creatorsMissingDetails: 0, failedPayouts: 0, reversedPayouts: 0, waitingRequests: 0 };
const titles = (counts: Partial<typeof none>) => homeAlerts({ ...none, ...counts }).map((alert) => alert.title);

describe("Home's alerts agree with their counts", () => {
  it("1 payout failed, 3 payouts failed", () => {
    expect(titles({ failedPayouts: 1 })).toEqual(["1 payout failed"]);
    expect(titles({ failedPayouts: 3 })).toEqual(["3 payouts failed"]);
    expect(homeAlerts({ ...none, failedPayouts: 1 })[0]!.body).toMatch(
      /^It needs a retry with Stripe, an offline payment instead, or a cancel\.$/,
    );
    expect(homeAlerts({ ...none, failedPayouts: 2 })[0]!.body).toMatch(/^They need /);
  });

  it("the other count alerts too", () => {
    expect(titles({ creatorsMissingDetails: 1, reversedPayouts: 1, waitingRequests: 1 })).toEqual([
      "1 creator is missing payout details",
      "1 Stripe transfer was reversed",
      "1 payout request waits for a decision",
    ]);
    expect(titles({ creatorsMissingDetails: 2, reversedPayouts: 5, waitingRequests: 12 })).toEqual([
      "2 creators are missing payout details",
      "5 Stripe transfers were reversed",
      "12 payout requests wait for a decision",
    ]);
  });

  it("no alert for a count of zero; exactly the singular for 1 and the plural otherwise", () => {
    expect(homeAlerts(none)).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (count) => {
        const [title] = titles({ failedPayouts: count });
        expect(title).toBe(count === 1 ? "1 payout failed" : `${count} payouts failed`);
        expect(countOf(count, "creator is", "creators are")).toBe(`${count} ${count === 1 ? "creator is" : "creators are"}`);
      }),
    );
  });
});
