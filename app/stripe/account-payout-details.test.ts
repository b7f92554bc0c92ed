import { describe, expect, it } from "vitest";
import { payoutDetailsOfAccount } from "./account-payout-details";

describe("payout-details status of a connected account", () => {
  it("is complete once transfers are active, whatever else is due later", () => {
    expect(
      payoutDetailsOfAccount({
        capabilities: { transfers: "active" },
        requirements: { currently_due: [], past_due: [] },
        details_submitted: true,
      }),
    ).toEqual({
      status: "complete",
      transfersActive: true,
      requirementsDue: [],
    });
    expect(
      payoutDetailsOfAccount({ capabilities: { transfers: "active" }, requirements: { currently_due: ["individual.id_number"] } }).status,
    ).toBe("complete");
  });

  it("is pending before the creator submitted details, restricted after, listing what is due (past due first, once)", () => {
    expect(
      payoutDetailsOfAccount({
        capabilities: { transfers: "inactive" },
        requirements: { currently_due: ["external_account"] },
        details_submitted: false,
      }),
    ).toEqual({
      status: "pending",
      transfersActive: false,
      requirementsDue: ["external_account"],
    });
    expect(
      payoutDetailsOfAccount({
        capabilities: { transfers: "pending" },
        requirements: {
          past_due: ["individual.verification.document"],
          currently_due: ["individual.verification.document", "external_account"],
        },
        details_submitted: true,
      }),
    ).toEqual({ status: "restricted", transfersActive: false, requirementsDue: ["individual.verification.document", "external_account"] });
    expect(payoutDetailsOfAccount({}).status).toBe("pending");
  });
});
