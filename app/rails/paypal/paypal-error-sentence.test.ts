import { describe, expect, it } from "vitest";
import { isDuplicateBatch, payPalErrorSentence, payPalItemSentence } from "./paypal-error-sentence";

describe("PayPal errors as sentences", () => {
  it.each([
    [401, "invalid_client", /did not accept this client id and secret/],
    [401, "AUTHENTICATION_FAILURE", /Connect PayPal again in Settings/],
    [403, "NOT_AUTHORIZED", /not allowed to send payouts/],
    [403, "REQUIRED_SCOPE_MISSING", /not allowed to send payouts/],
    [422, "INSUFFICIENT_FUNDS", /balance does not cover this batch/],
    [400, "DUPLICATE_REQUEST_ID", /already has this batch/],
    [403, "SENDER_ACCOUNT_UNVERIFIED", /verified/],
    [429, "RATE_LIMIT_REACHED", /limiting requests/],
    [500, "INTERNAL_SERVER_ERROR", /outcome is unknown/],
    [503, "SERVICE_UNAVAILABLE", /unavailable/],
    [404, "RESOURCE_NOT_FOUND", /no such payout batch/],
    [418, "", /PayPal refused the request\./],
    [500, "SOMETHING_NEW", /outcome is unknown/],
  ])("%i %s", (status, name, sentence) => {
    expect(payPalErrorSentence(status, { name })).toMatch(sentence);
  });

  it("a reused sender_batch_id is recognised and said plainly", () => {
    const body = {
      name: "USER_BUSINESS_ERROR",
      message: "User business error.",
      details: [{ field: "SENDER_BATCH_ID", issue: "Batch with given sender_batch_id already exists" }],
    };
    expect(isDuplicateBatch(body)).toBe(true);
    expect(payPalErrorSentence(400, body)).toMatch(/already has this batch/);
    expect(isDuplicateBatch({ name: "INSUFFICIENT_FUNDS" })).toBe(false);
  });

  it("a validation error names the field and the issue", () => {
    const body = {
      name: "INVALID_REQUEST",
      details: [{ field: "items[0].amount.value", issue: "INVALID_PARAMETER_SYNTAX", description: "Value is invalid." }],
    };
    expect(payPalErrorSentence(400, body)).toBe("PayPal refused the request (items[0].amount.value): Value is invalid.");
  });

  it.each([
    ["UNCLAIMED", "RECEIVER_UNREGISTERED", /no PayPal account.*claim it within 30 days/],
    ["FAILED", "RECEIVER_ACCOUNT_LOCKED", /locked or inactive/],
    ["FAILED", "CURRENCY_NOT_SUPPORTED_FOR_RECEIVER", /cannot receive this currency/],
    ["BLOCKED", "RISK_DECLINE", /risk/],
    ["FAILED", "INSUFFICIENT_FUNDS", /balance does not cover/],
    ["SUCCESS", undefined, /^PayPal paid the creator\.$/],
    ["FAILED", undefined, /could not pay/],
    ["RETURNED", undefined, /returned to you/],
    ["BLOCKED", undefined, /blocked/],
    ["UNCLAIMED", undefined, /not claimed/],
    ["ONHOLD", undefined, /holds the payment/],
    ["PENDING", undefined, /processing/],
    ["REFUNDED", undefined, /refunded/],
    ["REVERSED", undefined, /reversed/],
    ["FAILED", "NEW_PAYPAL_ERROR", /could not pay the creator\. PayPal says: NEW_PAYPAL_ERROR/],
  ] as const)("item %s %s", (status, errorName, sentence) => {
    expect(payPalItemSentence(status, errorName)).toMatch(sentence);
  });
});
