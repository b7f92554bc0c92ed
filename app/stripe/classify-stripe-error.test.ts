import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyStripeError } from "./classify-stripe-error";

describe("classifying Stripe errors", () => {
  it("replays when the outcome is unknown: no answer, 5xx, 429, 409", () => {
    expect(classifyStripeError({ type: "StripeConnectionError" }).kind).toBe("replay");
    expect(classifyStripeError(new Error("socket hang up")).kind).toBe("replay");
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 500, max: 599 }), fc.constantFrom(409, 429)), (statusCode) => {
        expect(classifyStripeError({ type: "StripeAPIError", statusCode }).kind).toBe("replay");
      }),
    );
  });

  it("ends the attempt on any other 4xx, saying who must act", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 499 }).filter((s) => s !== 409 && s !== 429),
        (statusCode) => {
          expect(classifyStripeError({ type: "StripeInvalidRequestError", statusCode, code: "x" }).kind).toBe("definite");
        },
      ),
    );
    expect(classifyStripeError({ statusCode: 400, code: "balance_insufficient" }, "usd")).toMatchObject({
      kind: "definite",
      whoActs: "merchant",
      message: expect.stringContaining("enough available funds in USD"),
    });
    expect(classifyStripeError({ statusCode: 400, code: "account_invalid" })).toMatchObject({ kind: "definite", whoActs: "creator" });
    expect(classifyStripeError({ statusCode: 401, type: "StripeAuthenticationError" })).toMatchObject({
      kind: "definite",
      message: expect.stringContaining("Reconnect Stripe in Settings"),
    });
  });
});
