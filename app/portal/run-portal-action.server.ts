// Dispatches a portal form (field `intent`) through an intent registry to its action function
// (app/portal/actions/*) and turns the outcome into the notice shown next to that form. A
// DomainError becomes an inline message (fieldErrors next to their fields) with its status from
// app/http/domain-error-status.ts; anything else is a bug and is rethrown.
import { intentRegistry } from "../forms/intent-registry";
import { statusOfDomainError } from "../http/domain-error-status";
import { failureFrom } from "../lib/action-result.server";
import { proposePayoutMethodChange } from "./actions/change-payout-method.server";
import { choosePreferredRail } from "./actions/choose-preferred-rail.server";
import { requestWithdrawal } from "./actions/request-withdrawal.server";
import { acceptPayoutAsCreator, disputePayoutItem } from "./actions/review-payout.server";
import { submitDeliverableAsCreator } from "./actions/submit-deliverable-as-creator.server";
import { formValues } from "../forms/parse-form";
import { submitTaxFormAsCreator } from "../tax-forms/submit-tax-form.server";
import { rememberCreatorLocale } from "../notifications/remember-creator-locale.server";
import { findCreatorOfCustomer } from "./creator-of-customer.server";
import { forgetGiftCardCode, revealGiftCardCode } from "../rails/gift-card/gift-card-code.server";
import { DomainError } from "../domain/errors";
import type { UploadedFile } from "./portal-customer";
import { portalStrings, type PortalStrings } from "./portal-strings";
import type { ProxyRequest } from "./proxy-request.server";
import type { PortalNotice } from "./render-portal";

/** Fields never echoed back into a re-rendered form. */
const NOT_ECHOED = new Set(["_portal_token", "intent", "invoice", "tin", "foreignTaxId"]);

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

async function uploaded(form: FormData, name: string): Promise<UploadedFile | null> {
  const value = form.get(name);
  if (!value || typeof value === "string" || value.size === 0) return null;
  return { fileName: value.name || "invoice", bytes: new Uint8Array(await value.arrayBuffer()) };
}

interface CreatorActionContext {
  proxy: ProxyRequest;
  creatorId: string;
  form: FormData;
  t: PortalStrings;
}

/** Per-row forms: the field whose value joins the intent in the notice's form key. */
const ROW_FIELD: Record<string, string> = {
  submit_deliverable: "deliverableId",
  accept_review: "payoutId",
  dispute_item: "payoutItemId",
  show_gift_card_code: "payoutId",
  gift_card_code_saved: "payoutId",
};

/** An action's success: its sentence, and for "Show code" the code the answer shows (never logged or echoed). */
type ActionOutcome = string | { message: string; giftCardCode: { payoutId: string; code: string } };

/** Which form the notice belongs to (per-row forms add the row id). */
const formKeyOf = (intent: string, form: FormData) =>
  Object.hasOwn(ROW_FIELD, intent) ? `${intent}-${text(form, ROW_FIELD[intent])}` : intent;

/**
 * The creator's actions, by intent; each returns the success sentence. `apply` (a customer who is
 * not a creator yet) is handled by the caller.
 */
export const CREATOR_ACTIONS = intentRegistry<CreatorActionContext, ActionOutcome>({
  withdraw: async ({ proxy, creatorId, form, t }) => {
    await requestWithdrawal(proxy.shop.id, creatorId, {
      amount: text(form, "amount"),
      currency: text(form, "currency"),
      method: text(form, "method") || undefined,
      comment: text(form, "comment") || undefined,
    });
    return t.withdrawalRequested;
  },
  submit_deliverable: async ({ proxy, creatorId, form, t }) => {
    await submitDeliverableAsCreator(proxy.shop.id, creatorId, text(form, "deliverableId"), {
      url: text(form, "url").trim(),
      note: text(form, "note").trim() || undefined,
    });
    return t.deliverableSubmitted;
  },
  accept_review: async ({ proxy, creatorId, form, t }) => {
    await acceptPayoutAsCreator(proxy.shop.id, creatorId, text(form, "payoutId"), await uploaded(form, "invoice"));
    return t.accepted;
  },
  dispute_item: async ({ proxy, creatorId, form, t }) => {
    await disputePayoutItem(proxy.shop.id, creatorId, text(form, "payoutId"), text(form, "payoutItemId"), text(form, "note"));
    return t.disputed_ok;
  },
  // A gift card's code is opened only on this POST (never on the page's GET), for this creator.
  show_gift_card_code: async ({ proxy, creatorId, form, t }) => {
    const payoutId = text(form, "payoutId");
    const shown = await revealGiftCardCode(proxy.shop.id, creatorId, payoutId);
    if ("problem" in shown) throw giftCardRefusal(shown.problem, t);
    return { message: t.giftCardCodeShown, giftCardCode: { payoutId, code: shown.code } };
  },
  gift_card_code_saved: async ({ proxy, creatorId, form, t }) => {
    if ((await forgetGiftCardCode(proxy.shop.id, creatorId, text(form, "payoutId"))) === "not_found") {
      throw giftCardRefusal("not_found", t);
    }
    return t.giftCardCodeForgotten;
  },
  preferred_rail: async ({ proxy, creatorId, form, t }) => {
    await choosePreferredRail(proxy.shop.id, creatorId, text(form, "rail"));
    return t.railSaved;
  },
  // Tax forms (issue 17): certified with the checkbox, the typed signature, now() and the address.
  tax_form_w9: async ({ proxy, creatorId, form }) => {
    await submitTaxFormAsCreator(proxy.shop.id, creatorId, { ...formValues(form), kind: "w9" }, proxy.clientAddress);
    return "Thank you: your W-9 is on file.";
  },
  tax_form_w8ben: async ({ proxy, creatorId, form }) => {
    await submitTaxFormAsCreator(proxy.shop.id, creatorId, { ...formValues(form), kind: "w8ben" }, proxy.clientAddress);
    return "Thank you: your W-8BEN is on file.";
  },
  payout_method: async ({ proxy, creatorId, form, t }) => {
    const optional = (name: string) => text(form, name).trim() || undefined;
    const { sentTo } = await proposePayoutMethodChange(proxy.shop.id, creatorId, {
      method: text(form, "method"),
      paypalEmail: optional("paypalEmail"),
      accountHolder: optional("accountHolder"),
      iban: optional("iban"),
      bic: optional("bic"),
      instructions: optional("instructions"),
    });
    return t.methodSaved(sentTo);
  },
});

function giftCardRefusal(problem: "not_found" | "gone", t: PortalStrings): DomainError {
  return problem === "not_found"
    ? new DomainError("payout_not_found", t.notFoundPayout)
    : new DomainError("gift_card_code_gone", t.giftCardCodeGone);
}

function echoed(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (!NOT_ECHOED.has(name) && typeof value === "string") values[name] = value;
  return values;
}

/** Runs a creator's form; the notice says how it went and carries the table's status. */
export async function runCreatorAction(proxy: ProxyRequest, form: FormData): Promise<PortalNotice> {
  const t = portalStrings(proxy.locale);
  const creator = proxy.customerId ? await findCreatorOfCustomer(proxy.shop.id, proxy.customerId) : null;
  if (!creator || (creator.status !== "active" && creator.status !== "paused")) {
    return { form: "global", kind: "error", status: statusOfDomainError("forbidden"), message: t.forbidden, fieldErrors: {}, values: {} };
  }
  const intent = text(form, "intent");
  const formKey = CREATOR_ACTIONS.intents.includes(intent) ? formKeyOf(intent, form) : "global";
  try {
    const outcome = await CREATOR_ACTIONS.run(intent, { proxy, creatorId: creator.id, form, t });
    // The creator's emails follow the language they use the portal in (a refused form writes nothing).
    await rememberCreatorLocale(proxy.shop.id, creator.id, proxy.locale);
    const [message, giftCardCode] = typeof outcome === "string" ? [outcome, undefined] : [outcome.message, outcome.giftCardCode];
    return { form: formKey, kind: "success", status: 200, message, fieldErrors: {}, values: {}, giftCardCode };
  } catch (error) {
    const failure = failureFrom(error);
    return {
      form: formKey,
      kind: "error",
      status: failure.status,
      message: failure.message,
      fieldErrors: failure.fieldErrors,
      values: echoed(form),
    };
  }
}
