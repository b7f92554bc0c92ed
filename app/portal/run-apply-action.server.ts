// The application form of a customer who is not a creator yet (Shop.selfSignupEnabled): the
// customer's email comes from the Admin API (the shop answers by email), never from the form.
import { STATUS_OF_KIND, statusOfDomainError } from "../http/domain-error-status";
import { failureFrom } from "../lib/action-result.server";
import { applyAsCreator } from "./actions/apply-as-creator.server";
import { portalStrings } from "./portal-strings";
import type { ProxyRequest } from "./proxy-request.server";
import { readCustomerProfile } from "./read-customer-profile.server";
import type { PortalNotice } from "./render-portal";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function runApplyAction(proxy: ProxyRequest, form: FormData): Promise<PortalNotice> {
  const t = portalStrings(proxy.locale);
  const values = { name: text(form, "name"), socialHandle: text(form, "socialHandle"), message: text(form, "message") };
  if (!proxy.customerId || !proxy.accessToken)
    return { form: "apply", kind: "error", status: statusOfDomainError("forbidden"), message: t.forbidden, fieldErrors: {}, values };
  const customer = await readCustomerProfile(proxy.shop.domain, proxy.accessToken, proxy.customerId).catch(() => null);
  if (!customer)
    return { form: "apply", kind: "error", status: STATUS_OF_KIND.unavailable, message: t.profileUnavailable, fieldErrors: {}, values };
  try {
    await applyAsCreator(proxy.shop.id, customer, {
      name: values.name,
      socialHandle: values.socialHandle.trim() || undefined,
      message: values.message.trim() || undefined,
    });
    return { form: "apply", kind: "success", status: 200, message: t.applicationReceived, fieldErrors: {}, values: {} };
  } catch (error) {
    const failure = failureFrom(error);
    return { form: "apply", kind: "error", status: failure.status, message: failure.message, fieldErrors: failure.fieldErrors, values };
  }
}
