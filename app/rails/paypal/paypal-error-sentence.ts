// PayPal's error names (API errors and payout-item errors) and item states as sentences a
// merchant can act on. Names from PayPal's Payouts "Error messages" reference and the OpenAPI
// document's error shapes; an unknown name keeps PayPal's own message. Pure.
import type { PayPalErrorBody, PayPalTransactionStatus } from "./paypal-wire";

const TRY_LATER = "Nothing was paid twice: the batch is looked up at PayPal before anything is sent again.";

/** API-level error names (the `name` of an error body, or OAuth's `error`). */
const API_ERRORS: Record<string, string> = {
  invalid_client:
    "PayPal did not accept this client id and secret. Copy both again from the PayPal developer dashboard (Apps & Credentials), for the mode you chose (sandbox or live).",
  AUTHENTICATION_FAILURE:
    "PayPal did not accept the saved client id and secret. Connect PayPal again in Settings with the app's current credentials.",
  NOT_AUTHORIZED:
    "This PayPal app is not allowed to send payouts. Enable Payouts for the app in the PayPal developer dashboard, or ask PayPal to enable Payouts for your business account.",
  REQUIRED_SCOPE_MISSING:
    "This PayPal app is not allowed to send payouts. Enable Payouts for the app in the PayPal developer dashboard, or ask PayPal to enable Payouts for your business account.",
  INSUFFICIENT_FUNDS:
    "Your PayPal balance does not cover this batch and its fees. Add money to your PayPal balance (Payouts are not paid from a linked bank or card), then retry.",
  DUPLICATE_REQUEST_ID: "PayPal already has this batch (the same batch id was used within 30 days), so it was not sent again.",
  SENDER_ACCOUNT_UNVERIFIED:
    "PayPal requires your business account to be verified before it sends payouts. Confirm your bank account or card with PayPal, then retry.",
  SENDER_ACCOUNT_LOCKED: "Your PayPal account is locked or inactive, so PayPal sent nothing. Contact PayPal support, then retry.",
  USER_COUNTRY_NOT_ALLOWED: "PayPal does not allow payouts from your account's country. Pay these creators another way.",
  USER_FUNDING_SOURCE_INELIGIBLE: "PayPal pays payouts from your PayPal balance only. Add money to the balance, then retry.",
  SPENDING_LIMIT_EXCEEDED: "This batch exceeds your PayPal account's spending limit. Ask PayPal to raise it, or pay in smaller runs.",
  RATE_LIMIT_REACHED: `PayPal is limiting requests right now. Try again in a few minutes. ${TRY_LATER}`,
  RATE_LIMIT_VALIDATION_FAILURES: `PayPal is blocking requests after repeated failures. Try again later. ${TRY_LATER}`,
  INTERNAL_SERVER_ERROR: `PayPal had an internal error, so the outcome is unknown. ${TRY_LATER}`,
  SERVICE_UNAVAILABLE: `PayPal is unavailable right now, so the outcome is unknown. ${TRY_LATER}`,
  REQUEST_TIMEOUT_EXCEEDED: `PayPal did not answer in time, so the outcome is unknown. ${TRY_LATER}`,
  RESOURCE_NOT_FOUND: "PayPal has no such payout batch or item in this account and mode (sandbox or live).",
};

/** Payout-item error names (`errors.name` on an item). */
const ITEM_ERRORS: Record<string, string> = {
  RECEIVER_UNREGISTERED:
    "The creator's email has no PayPal account. PayPal emailed them a link to sign up; the payout is paid if they claim it within 30 days, else it returns.",
  RECEIVER_UNCONFIRMED: "The creator's PayPal account is not confirmed. Ask them to confirm their email with PayPal.",
  RECEIVER_ACCOUNT_LOCKED:
    "The creator's PayPal account is locked or inactive; PayPal returned the money. Ask them to resolve it with PayPal or choose another method.",
  RECEIVER_COUNTRY_NOT_ALLOWED: "PayPal cannot pay a creator in their country. Choose another payout method for them.",
  RECEIVER_YOUTH_ACCOUNT: "The creator's PayPal account is a youth account, which cannot receive payouts. Choose another payout method.",
  RECEIVING_LIMIT_EXCEEDED: "The creator's PayPal account has reached its receiving limit. Ask them to lift it with PayPal, then retry.",
  RECEIVER_REFUSED: "The creator refused the PayPal payment. Check their PayPal email with them before retrying.",
  CURRENCY_NOT_SUPPORTED_FOR_RECEIVER:
    "The creator's PayPal account cannot receive this currency. Ask them to add it in PayPal, or pay another way.",
  NON_HOLDING_CURRENCY: "The creator's PayPal account does not hold this currency and must accept it in PayPal first.",
  PENDING_RECIPIENT_NON_HOLDING_CURRENCY_PAYMENT_PREFERENCE:
    "The creator reviews payments in this currency before accepting; PayPal asked them to. Check again later.",
  SELF_PAY_NOT_ALLOWED:
    "The creator's PayPal email is your own PayPal account; PayPal cannot pay yourself. Correct the creator's PayPal email.",
  RISK_DECLINE: "PayPal declined this payment on risk grounds. Contact PayPal, or pay the creator another way.",
  REGULATORY_BLOCKED: "PayPal blocked this payment for regulatory reasons. Pay the creator another way.",
  TRANSACTION_LIMIT_EXCEEDED: "The payment is above PayPal's per-transaction limit. Split the payout or pay another way.",
  INSUFFICIENT_FUNDS: API_ERRORS.INSUFFICIENT_FUNDS!,
  ZERO_AMOUNT: "PayPal cannot send a payment of zero.",
  ACCOUNT_RESTRICTED: "Your PayPal account is restricted, so PayPal did not send this payment. Contact PayPal support, then retry.",
};

/** What each item state means, when no error name says more. */
const ITEM_STATES: Record<PayPalTransactionStatus, string> = {
  SUCCESS: "PayPal paid the creator.",
  PENDING: "PayPal is processing the payment.",
  ONHOLD: "PayPal holds the payment for review; it is paid or returned once PayPal decides.",
  UNCLAIMED: "The creator has not claimed the PayPal payment yet; unclaimed payments return after 30 days.",
  FAILED: "PayPal could not pay the creator.",
  RETURNED: "The PayPal payment was returned to you (unclaimed for 30 days, or refused).",
  BLOCKED: "PayPal blocked the payment.",
  REFUNDED: "The PayPal payment was refunded to you after it was paid.",
  REVERSED: "PayPal reversed the payment after it was paid.",
};

/** A sentence for a PayPal API error body (or an OAuth error name) with its HTTP status. */
export function payPalErrorSentence(status: number, body: Pick<PayPalErrorBody, "name" | "message" | "details"> | null): string {
  const name = body?.name ?? "";
  if (isDuplicateBatch(body)) return API_ERRORS.DUPLICATE_REQUEST_ID!;
  const known = API_ERRORS[name];
  if (known) return known;
  const detail = body?.details?.[0];
  if ((name === "INVALID_REQUEST" || name === "VALIDATION_ERROR" || status === 400 || status === 422) && detail) {
    const issue = ITEM_ERRORS[detail.issue] ?? API_ERRORS[detail.issue] ?? detail.description ?? detail.issue;
    return `PayPal refused the request${detail.field ? ` (${detail.field})` : ""}: ${issue}`;
  }
  if (status === 401) return API_ERRORS.AUTHENTICATION_FAILURE!;
  if (status === 403) return API_ERRORS.NOT_AUTHORIZED!;
  if (status === 429) return API_ERRORS.RATE_LIMIT_REACHED!;
  if (status >= 500) return API_ERRORS.INTERNAL_SERVER_ERROR!;
  return `PayPal refused the request${name ? ` (${name})` : ""}${body?.message ? `: ${body.message}` : "."}`;
}

/**
 * A reused sender_batch_id: PayPal answers 400 with a detail naming the sender batch id (older
 * answers: USER_BUSINESS_ERROR; DUPLICATE_REQUEST_ID for a reused PayPal-Request-Id).
 */
export function isDuplicateBatch(body: Pick<PayPalErrorBody, "name" | "details"> | null): boolean {
  if (!body) return false;
  if (body.name === "DUPLICATE_REQUEST_ID") return true;
  return (body.details ?? []).some(
    (d) => /sender_batch_id/i.test(d.field ?? "") || /sender_batch_id|DUPLICATE/i.test(d.issue) || /already (exists|used)/i.test(d.issue),
  );
}

/** A sentence for a payout item: its error name when PayPal gave one, else its state. */
export function payPalItemSentence(status: PayPalTransactionStatus | undefined, errorName?: string, errorMessage?: string): string {
  if (errorName && ITEM_ERRORS[errorName]) return ITEM_ERRORS[errorName]!;
  const state = status ? ITEM_STATES[status] : "PayPal has not processed the payment yet.";
  return errorName ? `${state} PayPal says: ${errorMessage ?? errorName}` : state;
}
