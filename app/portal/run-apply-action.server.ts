// The application form of a customer who is not a creator yet (Shop.selfSignupEnabled).
import type { PortalNotice } from "./render-portal";
import type { ProxyRequest } from "./proxy-request.server";
import { portalStrings } from "./portal-strings";

export async function runApplyAction(proxy: ProxyRequest, _form: FormData): Promise<PortalNotice> {
  // Wired to applyAsCreator (app/portal/actions/apply-as-creator.server.ts) once it exists.
  return { form: "apply", kind: "error", message: portalStrings(proxy.locale).somethingWrong, fieldErrors: {}, values: {} };
}
