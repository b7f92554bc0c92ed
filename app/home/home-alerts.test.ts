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

describe("Home's needs-review and on-hold alerts", () => {
  it("counts risk flags waiting and payouts awaiting a second approval, linking to each", () => {
    const [alert] = homeAlerts({ ...none, riskReviewsWaiting: 2, awaitingSecondApproval: 1 });
    expect(alert).toMatchObject({
      id: "needs_review",
      title: "3 items need review",
      body: "2 commissions flagged by risk rules wait for your decision; 1 payout awaits a second staff member's approval.",
      links: [
        { content: "Review risk flags", url: "/app/risk" },
        { content: "Review payouts to approve", url: "/app/payouts?hold=awaits_second_approval" },
      ],
    });
    const [approvalOnly] = homeAlerts({ ...none, awaitingSecondApproval: 1 });
    expect(approvalOnly).toMatchObject({ title: "1 item needs review", url: "/app/payouts?hold=awaits_second_approval" });
    expect(approvalOnly!.body).toBe("1 payout awaits a second staff member's approval.");
    expect(homeAlerts({ ...none, riskReviewsWaiting: 0, awaitingSecondApproval: 0 })).toEqual([]);
  });

  it("says how many payouts each hold reason holds, and filters the list when one reason holds them all", () => {
    const alert = homeAlerts({
      ...none,
      heldPayouts: 2,
      heldByReason: "1 waiting for a W-9, 1 awaiting a second approval",
      onlyHoldCode: null,
    }).at(-1)!;
    expect(alert.title).toBe("2 payouts are on hold");
    expect(alert.body).toBe(
      "1 waiting for a W-9, 1 awaiting a second approval. They are not paid on any rail until the reason is resolved; each payout's page says why.",
    );
    expect(alert.body).not.toContain("form is missing");
    expect(homeAlerts({ ...none, heldPayouts: 1, heldByReason: "1 waiting for a W-9", onlyHoldCode: "w9_missing" }).at(-1)!.url).toBe(
      "/app/payouts?hold=w9_missing",
    );
  });
});
