// The one table from a domain error's code to the HTTP status a route answers with, for admin
// routes and the portal alike. A route never picks a status itself: a state conflict is 409
// wherever it happens, and only a missing record is 404.

/** What kind of refusal a code is; each kind has one status. */
export type ErrorKind =
  | "bad_request" // not a form this route knows (unknown intent, bad query)
  | "invalid_input" // a field to fix: the form is shown again with its sentence
  | "forbidden" // this person may not do this
  | "not_found" // the record does not exist in this shop
  | "conflict" // the record's state does not allow it now (reload and look)
  | "gone" // a link that worked once and no longer does
  | "unavailable"; // an outside service could not be reached: try again

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  bad_request: 400,
  invalid_input: 422,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unavailable: 503,
};

/** Every code the app throws, by kind. A code missing here answers 422 (see statusOfDomainError). */
export const DOMAIN_ERROR_KINDS: Record<string, ErrorKind> = {
  unknown_intent: "bad_request",
  invalid_filter: "bad_request",
  rail_not_enabled: "bad_request",

  invalid_input: "invalid_input",
  invalid_amount: "invalid_input",
  amount_over_limit: "invalid_input",
  amount_out_of_range: "invalid_input",
  amount_above_payable: "invalid_input",
  below_minimum: "invalid_input",
  currency_mismatch: "invalid_input",
  unknown_currency: "invalid_input",
  no_balance_in_currency: "invalid_input",
  nothing_payable: "invalid_input",
  // The e-invoice cannot state the invoice exactly until something is added (a VAT number, a country).
  e_invoice_refused: "invalid_input",
  open_request_not_covered: "invalid_input",
  nothing_to_transfer: "invalid_input",
  reason_required: "invalid_input",
  invalid_offline_payment: "invalid_input",
  invalid_payout_run: "invalid_input",
  invalid_stripe_connection: "invalid_input",
  stripe_key_refused: "invalid_input",
  stripe_amount_not_exact: "invalid_input",
  stripe_amount_not_payable: "invalid_input",
  stripe_currency_unsupported: "invalid_input",
  // PayPal Payouts (app/rails/paypal/).
  invalid_paypal_connection: "invalid_input",
  paypal_credentials_refused: "invalid_input",
  paypal_currency_unsupported: "invalid_input",
  paypal_amount_not_positive: "invalid_input",
  paypal_amount_fraction: "invalid_input",
  paypal_email_missing: "invalid_input",
  paypal_duplicate_payout: "invalid_input",
  customer_email_missing: "invalid_input",
  // The store credit rail's refusals before any call (app/rails/store-credit/store-credit-rules.ts).
  store_credit_currency_mismatch: "invalid_input",
  store_credit_over_cap: "invalid_input",
  gift_card_currency_mismatch: "invalid_input",
  gift_card_over_cap: "invalid_input",
  invitation_email_mismatch: "invalid_input",
  onboarding_link_invalid: "bad_request",
  // Invariants of the pure domain; a request that reaches them is refused, never a 5xx.
  invalid_split: "invalid_input",
  invalid_allocation: "invalid_input",
  invalid_rate: "invalid_input",
  division_by_zero: "invalid_input",
  invalid_ledger_movement: "invalid_input",
  invalid_payout_channel: "invalid_input",

  forbidden: "forbidden",
  // The shop has not granted write_discounts (installed before the app asked): reinstall or approve.
  discount_scope_missing: "forbidden",
  self_signup_disabled: "forbidden",
  // Shopify refused the app's token or scopes: the merchant opens the app again to approve them.
  shopify_access_denied: "forbidden",
  // The shop has not granted the store credit (or customer) scope yet: reinstall or approve.
  store_credit_scope_missing: "forbidden",
  gift_card_scope_missing: "forbidden",
  // Two-person approval (app/payouts/approve-payout.server.ts): not a chosen approver, or approving one's own payout.
  not_an_approver: "forbidden",
  self_approval: "forbidden",

  not_found: "not_found",
  creator_not_found: "not_found",
  commission_not_found: "not_found",
  payout_not_found: "not_found",
  payout_run_not_found: "not_found",
  invoice_not_found: "not_found",
  invitation_not_found: "not_found",
  payout_method_change_not_found: "not_found",
  // A draft has no invoice yet: the document asked for is not there.
  invoice_not_issued: "not_found",

  illegal_transition: "conflict",
  // Reconciliation (app/reconciliation/act-on-mismatch.server.ts): no attempt waits for the rail.
  nothing_to_settle: "conflict",
  creator_conflict: "conflict",
  // The shop default plan is edited in Settings, not in the plan editor.
  plan_is_shop_default: "conflict",
  payout_conflict: "conflict",
  // The payout-hold door (app/domain/payout-holds.ts) says it may not be paid now: a form, a flag, an approval.
  payout_held: "conflict",
  already_approved: "conflict",
  approval_not_needed: "conflict",
  payout_request_already_decided: "conflict",
  // Risk review (app/risk/review-risk.server.ts): the commission is not waiting for review any more.
  risk_review_not_pending: "conflict",
  nothing_due: "conflict",
  payout_not_in_review: "conflict",
  fee_in_payout: "conflict",
  item_not_removable: "conflict",
  item_not_disputed: "conflict",
  not_an_application: "conflict",
  not_invitable: "conflict",
  creator_not_active: "conflict",
  creator_not_onboardable: "conflict",
  customer_already_creator: "conflict",
  no_onboarding_link: "conflict",
  invitation_used: "conflict",
  invitation_still_valid: "conflict",
  payout_details_missing: "conflict",
  payout_method_change_used: "conflict",
  payout_method_change_superseded: "conflict",
  payouts_held: "conflict",
  shop_uninstalled: "conflict",
  stripe_not_connected: "conflict",
  stripe_currency_not_held: "conflict",
  paypal_not_connected: "conflict",
  stripe_rail_not_enabled: "conflict",
  store_credit_no_customer: "conflict",
  gift_card_not_on_plan: "conflict",
  gift_card_not_deactivatable: "conflict",
  store_credit_needs_new_customer_accounts: "conflict",
  store_credit_customer_not_created: "conflict",

  invitation_expired: "gone",
  onboarding_link_expired: "gone",
  onboarding_link_revoked: "gone",
  payout_method_change_expired: "gone",
  // The creator said they saved the gift card's code (or the card was disabled): it is wiped.
  gift_card_code_gone: "gone",

  stripe_unreachable: "unavailable",
  paypal_unreachable: "unavailable",
  paypal_amount_unreadable: "unavailable",
  // The Admin GraphQL door (app/lib/shopify-admin-graphql.server.ts).
  shopify_unreachable: "unavailable",
  shopify_throttled: "unavailable",
  shopify_request_failed: "unavailable",
};

/** The HTTP status for a domain error's code; an unlisted code is a refusal of the input (422). */
export function statusOfDomainError(code: string): number {
  const kind = Object.hasOwn(DOMAIN_ERROR_KINDS, code) ? DOMAIN_ERROR_KINDS[code] : "invalid_input";
  return STATUS_OF_KIND[kind];
}
