// Shopify Flow triggers (issue 14 §5): the four events merchants can automate on, and the payload
// each sends with `flowTriggerReceive`. Every key and value type here matches the fields declared
// in extensions/flow-<handle>/shopify.extension.toml (a test reads the TOML and checks). Flow's
// rules: custom field keys are letters and spaces only; a `customer_reference` field is sent as
// `customer_id` (the numeric customer id) and an `order_reference` as `order_id`; a
// `number_decimal` is a JSON number. Pure: the facts are read by flow-trigger-events.server.ts.
import { toDecimalString } from "../domain/money";

export const FLOW_TRIGGER = {
  commissionApproved: "commission-approved",
  payoutPaid: "payout-paid",
  payoutFailed: "payout-failed",
  creatorApplied: "creator-applied",
} as const;

export type FlowTriggerHandle = (typeof FLOW_TRIGGER)[keyof typeof FLOW_TRIGGER];

export type FlowPayload = Record<string, string | number | boolean>;

export interface FlowCreatorFacts {
  id: string;
  name: string;
  email: string;
  referralCode: string;
  /** The Shopify customer the creator is linked to (numeric id), once linked. */
  shopifyCustomerId: string | null;
}

/** A money amount as Flow's `number_decimal`: major units, exact digits (12.34 USD, 1500 JPY). */
export function flowDecimal(amountMinor: number, currency: string): number {
  return Number(toDecimalString({ amountMinor, currency }));
}

/** single_line_text_field: Flow triggers have no multi-line text type, so line breaks become spaces. */
const oneLine = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/** Flow reference ids are Shopify's numeric ids; anything else (a gid, junk) is left out. */
function numericId(id: string | null): number | null {
  const digits = id?.split("/").pop() ?? "";
  return /^\d{1,16}$/.test(digits) ? Number(digits) : null;
}

/**
 * The creator's fields, and `customer_id` when the creator is linked to a customer, so a workflow
 * can tag that customer. An unlinked creator (invited, not yet accepted) sends no reference.
 */
function creatorFields(creator: FlowCreatorFacts): FlowPayload {
  const customerId = numericId(creator.shopifyCustomerId);
  return {
    ...(customerId === null ? {} : { customer_id: customerId }),
    "Creator ID": creator.id,
    "Creator name": oneLine(creator.name),
    "Creator email": creator.email,
    "Referral code": creator.referralCode,
  };
}

export function commissionApprovedPayload(facts: {
  creator: FlowCreatorFacts;
  commissionId: string;
  amountMinor: number;
  currency: string;
  shopifyOrderId: string;
  orderName: string;
}): FlowPayload {
  const orderId = numericId(facts.shopifyOrderId);
  return {
    ...creatorFields(facts.creator),
    ...(orderId === null ? {} : { order_id: orderId }),
    "Commission ID": facts.commissionId,
    "Commission amount": flowDecimal(facts.amountMinor, facts.currency),
    "Currency code": facts.currency,
    "Order name": oneLine(facts.orderName),
  };
}

interface PayoutFacts {
  creator: FlowCreatorFacts;
  payoutId: string;
  invoiceNumber: string | null;
  amountMinor: number;
  currency: string;
}

function payoutFields(facts: PayoutFacts): FlowPayload {
  return {
    ...creatorFields(facts.creator),
    "Payout ID": facts.payoutId,
    "Invoice number": facts.invoiceNumber ?? "",
    "Payout amount": flowDecimal(facts.amountMinor, facts.currency),
    "Currency code": facts.currency,
  };
}

export function payoutPaidPayload(
  facts: PayoutFacts & { paymentMethod: string; paymentReference: string | null; paidOn: string },
): FlowPayload {
  return {
    ...payoutFields(facts),
    "Payment method": oneLine(facts.paymentMethod),
    "Payment reference": oneLine(facts.paymentReference),
    "Paid on": facts.paidOn,
  };
}

export function payoutFailedPayload(facts: PayoutFacts & { failureReason: string | null }): FlowPayload {
  return { ...payoutFields(facts), "Failure reason": oneLine(facts.failureReason) };
}

export function creatorAppliedPayload(facts: {
  creator: FlowCreatorFacts;
  socialHandle: string | null;
  message: string | null;
}): FlowPayload {
  return {
    ...creatorFields(facts.creator),
    "Social handle": oneLine(facts.socialHandle),
    "Application message": oneLine(facts.message),
  };
}
