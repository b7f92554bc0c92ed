import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAYOUT_STATUSES } from "../domain/status/payout-status";
import { creatorPortalUrl, notifiedStatusMove, payoutStatusEmail, PAYOUT_STATUSES_NOTIFIED } from "./creator-emails";

const status = fc.constantFrom(...PAYOUT_STATUSES);

describe("notifiedStatusMove", () => {
  it("notifies exactly a move into review, scheduled, paid or delayed — never a draft, a cancel or a non-move", () => {
    fc.assert(
      fc.property(fc.option(status, { nil: undefined }), status, fc.dictionary(fc.string(), fc.jsonValue()), (from, to, extra) => {
        const before = from === undefined ? undefined : { ...extra, status: from };
        const expected = (PAYOUT_STATUSES_NOTIFIED as readonly string[]).includes(to) && from !== to ? to : null;
        expect(notifiedStatusMove(before, { ...extra, status: to })).toBe(expected);
      }),
    );
  });

  it("ignores changes that carry no status (item removed, dispute)", () => {
    expect(notifiedStatusMove({ payoutItemId: "pi_1", state: "active" }, { payoutItemId: "pi_1", state: "removed" })).toBeNull();
    expect(notifiedStatusMove(undefined, undefined)).toBeNull();
    expect(notifiedStatusMove(null, "ready")).toBeNull();
  });
});

describe("payoutStatusEmail", () => {
  it("says the amount and invoice, links the portal, for every notified status", () => {
    const context = { shopName: "Trail Co", shopDomain: "trail.myshopify.com", creatorName: "Ava" };
    for (const notified of PAYOUT_STATUSES_NOTIFIED) {
      const email = payoutStatusEmail(context, notified, { amount: { amountMinor: 1200, currency: "USD" }, invoiceLabel: "CP-00007" });
      expect(email.subject).toContain("$12.00");
      expect(email.text).toContain("payout CP-00007 of $12.00");
      expect(email.text).toContain(creatorPortalUrl("trail.myshopify.com"));
    }
  });
});
