// The Shopify Flow trigger extensions and the payloads the app sends them: each extension is a
// valid flow_trigger declaration, each payload builder's output has exactly the declared keys with
// values of the declared types (whatever the creator, amount or currency), and the mutation
// validates against the 2026-04 Admin schema.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KNOWN_CURRENCY_CODES, minorUnitExponent } from "~/domain/currency";
import { FLOW_TRIGGER_RECEIVE } from "~/flow/flow-operations";
import {
  commissionApprovedPayload,
  creatorAppliedPayload,
  FLOW_TRIGGER,
  flowDecimal,
  payoutFailedPayload,
  payoutPaidPayload,
  type FlowCreatorFacts,
  type FlowPayload,
} from "~/flow/flow-trigger-payloads";
import { checkAdminOperation } from "../support/shopify-admin-schema";
import { extensionProblems, flowPayloadProblems, readFlowTriggerExtensions } from "../support/flow-trigger-extensions";

const extensions = readFlowTriggerExtensions();

const creator = (changes: Partial<FlowCreatorFacts> = {}): FlowCreatorFacts => ({
  id: "cr_1",
  name: "Ava Ames",
  email: "ava@creators.test",
  referralCode: "AVA10",
  shopifyCustomerId: "7001",
  ...changes,
});

/** The keys the extension declares, references as Flow sends them (`customer_id`). */
function declaredKeys(handle: string): string[] {
  const extension = extensions.find((e) => e.handle === handle)!;
  return extension.fields.map((field) => field.key ?? field.type.replace(/_reference$/, "_id")).sort();
}

const SAMPLES: Record<string, (c: FlowCreatorFacts) => FlowPayload> = {
  [FLOW_TRIGGER.commissionApproved]: (c) =>
    commissionApprovedPayload({
      creator: c,
      commissionId: "com_1",
      amountMinor: 1234,
      currency: "USD",
      shopifyOrderId: "5001",
      orderName: "#1001",
    }),
  [FLOW_TRIGGER.payoutPaid]: (c) =>
    payoutPaidPayload({
      creator: c,
      payoutId: "po_1",
      invoiceNumber: "CP-00007",
      amountMinor: 12000,
      currency: "USD",
      paymentMethod: "Bank transfer",
      paymentReference: null,
      paidOn: "2026-12-05",
    }),
  [FLOW_TRIGGER.payoutFailed]: (c) =>
    payoutFailedPayload({
      creator: c,
      payoutId: "po_1",
      invoiceNumber: null,
      amountMinor: 500,
      currency: "JPY",
      failureReason: "Insufficient funds.",
    }),
  [FLOW_TRIGGER.creatorApplied]: (c) => creatorAppliedPayload({ creator: c, socialHandle: null, message: "I run\ntrail ultras." }),
};

describe("Flow trigger extensions", () => {
  it("declares one valid flow_trigger extension per trigger the app sends, and no other", () => {
    expect(extensions.map((e) => e.handle).sort()).toEqual(Object.values(FLOW_TRIGGER).sort());
    for (const extension of extensions) {
      expect(extension.dir).toBe(`flow-${extension.handle}`);
      expect(extensionProblems(extension), extension.handle).toEqual([]);
    }
  });

  it.each(Object.values(FLOW_TRIGGER))(
    "%s: a linked creator's payload has exactly the declared keys, each of its declared type",
    (handle) => {
      const payload = SAMPLES[handle](creator());
      expect(Object.keys(payload).sort()).toEqual(declaredKeys(handle));
      expect(flowPayloadProblems(handle, payload, extensions)).toEqual([]);
      expect(payload.customer_id).toBe(7001);
    },
  );

  it("leaves the customer reference out for a creator not linked to a customer, and nothing else", () => {
    const payload = SAMPLES[FLOW_TRIGGER.payoutPaid](creator({ shopifyCustomerId: null }));
    expect(payload).not.toHaveProperty("customer_id");
    expect(flowPayloadProblems(FLOW_TRIGGER.payoutPaid, payload, extensions)).toEqual([]);
  });

  it("holds for any creator, amount and currency (property)", () => {
    const creators = fc.record({
      id: fc.string({ minLength: 1 }),
      name: fc.string({ minLength: 1, unit: "grapheme" }),
      email: fc.emailAddress(),
      referralCode: fc.stringMatching(/^[A-Z0-9]{2,20}$/),
      shopifyCustomerId: fc.option(fc.bigInt({ min: 1n, max: 9_999_999_999_999n }).map(String), { nil: null }),
    });
    fc.assert(
      fc.property(
        creators,
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.constantFrom(...KNOWN_CURRENCY_CODES),
        fc.string({ unit: "binary" }),
        (c, amountMinor, currency, text) => {
          const payloads: [string, FlowPayload][] = [
            [
              FLOW_TRIGGER.commissionApproved,
              commissionApprovedPayload({ creator: c, commissionId: "c", amountMinor, currency, shopifyOrderId: "42", orderName: "#1" }),
            ],
            [
              FLOW_TRIGGER.payoutFailed,
              payoutFailedPayload({ creator: c, payoutId: "p", invoiceNumber: null, amountMinor, currency, failureReason: text }),
            ],
            [FLOW_TRIGGER.creatorApplied, creatorAppliedPayload({ creator: c, socialHandle: text, message: text })],
          ];
          for (const [handle, payload] of payloads) expect(flowPayloadProblems(handle, payload, extensions)).toEqual([]);
        },
      ),
    );
  });

  it("sends money as a decimal in the currency's major units, exact to its minor unit", () => {
    expect(flowDecimal(1234, "USD")).toBe(12.34);
    expect(flowDecimal(1500, "JPY")).toBe(1500);
    expect(flowDecimal(1250, "KWD")).toBe(1.25);
    expect(flowDecimal(-5, "EUR")).toBe(-0.05);
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom(...KNOWN_CURRENCY_CODES), (minor, currency) => {
        expect(Math.round(flowDecimal(minor, currency) * 10 ** minorUnitExponent(currency))).toBe(minor);
      }),
    );
  });

  it("finds a payload that does not match the declaration (the check can fail)", () => {
    const payload = { ...SAMPLES[FLOW_TRIGGER.payoutPaid](creator()), "Payout amount": "120.00", Extra: "x" };
    delete (payload as Record<string, unknown>)["Paid on"];
    expect(flowPayloadProblems(FLOW_TRIGGER.payoutPaid, payload, extensions)).toEqual([
      '"Extra" is not a field of payout-paid',
      '"Payout amount" should be a decimal number (number_decimal), got "120.00"',
      '"Paid on" (single_line_text_field) is missing',
    ]);
    expect(flowPayloadProblems("payout-sent", {}, extensions)).toEqual(['no flow_trigger extension has the handle "payout-sent"']);
  });

  it("sends flowTriggerReceive as the 2026-04 Admin schema defines it", () => {
    const check = checkAdminOperation(FLOW_TRIGGER_RECEIVE, {
      handle: FLOW_TRIGGER.payoutPaid,
      payload: SAMPLES[FLOW_TRIGGER.payoutPaid](creator()),
    });
    expect(check.ok ? [] : check.errors).toEqual([]);
  });
});
