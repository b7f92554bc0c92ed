// Dispatches a portal form (field `intent`) to its action function (app/portal/actions/*) and
// turns the outcome into the notice shown next to that form. A DomainError becomes an inline
// message (fieldErrors next to their fields); anything else is a bug and is rethrown.
import { failureFrom } from "../lib/action-result.server";
import { proposePayoutMethodChange } from "./actions/change-payout-method.server";
import { requestWithdrawal } from "./actions/request-withdrawal.server";
import { acceptPayoutAsCreator, disputePayoutItem } from "./actions/review-payout.server";
import { submitDeliverableAsCreator } from "./actions/submit-deliverable-as-creator.server";
import { findCreatorOfCustomer } from "./portal-page.server";
import type { UploadedFile } from "./portal-customer";
import { portalStrings, type PortalStrings } from "./portal-strings";
import type { ProxyRequest } from "./proxy-request.server";
import type { PortalNotice } from "./render-portal";

/** Fields never echoed back into a re-rendered form. */
const NOT_ECHOED = new Set(["_portal_token", "intent", "invoice"]);

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

async function uploaded(form: FormData, name: string): Promise<UploadedFile | null> {
  const value = form.get(name);
  if (!value || typeof value === "string" || value.size === 0) return null;
  return { fileName: value.name || "invoice", bytes: new Uint8Array(await value.arrayBuffer()) };
}

interface ActionSpec {
  /** Which form the notice belongs to (per-row forms add the row id). */
  formKey(form: FormData): string;
  /** Runs the action for the creator; returns the success message. */
  run(input: { proxy: ProxyRequest; creatorId: string; form: FormData; t: PortalStrings }): Promise<string>;
}

/** The creator's actions, by intent. `apply` (a customer who is not a creator yet) is handled by the caller. */
export const CREATOR_ACTIONS: Record<string, ActionSpec> = {
  withdraw: {
    formKey: () => "withdraw",
    run: async ({ proxy, creatorId, form, t }) => {
      await requestWithdrawal(proxy.shop.id, creatorId, {
        amount: text(form, "amount"),
        currency: text(form, "currency"),
        method: text(form, "method") || undefined,
        comment: text(form, "comment") || undefined,
      });
      return t.withdrawalRequested;
    },
  },
  submit_deliverable: {
    formKey: (form) => `submit_deliverable-${text(form, "deliverableId")}`,
    run: async ({ proxy, creatorId, form, t }) => {
      await submitDeliverableAsCreator(proxy.shop.id, creatorId, text(form, "deliverableId"), {
        url: text(form, "url").trim(),
        note: text(form, "note").trim() || undefined,
      });
      return t.deliverableSubmitted;
    },
  },
  accept_review: {
    formKey: (form) => `accept_review-${text(form, "payoutId")}`,
    run: async ({ proxy, creatorId, form, t }) => {
      await acceptPayoutAsCreator(proxy.shop.id, creatorId, text(form, "payoutId"), await uploaded(form, "invoice"));
      return t.accepted;
    },
  },
  dispute_item: {
    formKey: (form) => `dispute_item-${text(form, "payoutItemId")}`,
    run: async ({ proxy, creatorId, form, t }) => {
      await disputePayoutItem(proxy.shop.id, creatorId, text(form, "payoutId"), text(form, "payoutItemId"), text(form, "note"));
      return t.disputed_ok;
    },
  },
  payout_method: {
    formKey: () => "payout_method",
    run: async ({ proxy, creatorId, form, t }) => {
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
  },
};

function echoed(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (!NOT_ECHOED.has(name) && typeof value === "string") values[name] = value;
  return values;
}

/** Runs a creator's form; the notice says how it went. */
export async function runCreatorAction(proxy: ProxyRequest, form: FormData): Promise<PortalNotice> {
  const t = portalStrings(proxy.locale);
  const spec = CREATOR_ACTIONS[text(form, "intent")];
  const creator = proxy.customerId ? await findCreatorOfCustomer(proxy.shop.id, proxy.customerId) : null;
  if (!spec || !creator || (creator.status !== "active" && creator.status !== "paused")) {
    return { form: "global", kind: "error", message: t.forbidden, fieldErrors: {}, values: {} };
  }
  const formKey = spec.formKey(form);
  try {
    const message = await spec.run({ proxy, creatorId: creator.id, form, t });
    return { form: formKey, kind: "success", message, fieldErrors: {}, values: {} };
  } catch (error) {
    const failure = failureFrom(error);
    return { form: formKey, kind: "error", message: failure.message, fieldErrors: failure.fieldErrors, values: echoed(form) };
  }
}
