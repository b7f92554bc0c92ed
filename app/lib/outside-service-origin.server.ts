// Where the app calls an outside service (Shopify Admin, Stripe, PayPal) when a local stand-in
// replaces it. Production never takes an override. A missing override does not
// mean "the real service": in the test suite (inTestSuite) a test that forgot (or dropped) its stand-in gets a closed local port,
// so its calls fail as network errors instead of reaching a real shop or a real payment API.
import { envVariables, inTestSuite } from "../env.server";

/** Nothing listens here: a connection is refused at once. */
export const CLOSED_LOCAL_ORIGIN = "http://127.0.0.1:9";

type OriginVariable = "SHOPIFY_ADMIN_API_ORIGIN" | "STRIPE_API_ORIGIN" | "PAYPAL_API_ORIGIN";

export function outsideServiceOverride(variable: OriginVariable): string | null {
  const values = envVariables(variable, "NODE_ENV");
  if (values.NODE_ENV === "production") return null;
  const override = values[variable];
  if (override) return override.replace(/\/+$/, "");
  return inTestSuite() ? CLOSED_LOCAL_ORIGIN : null;
}
