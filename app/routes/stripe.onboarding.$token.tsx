import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDomainError } from "~/domain/errors";
import { statusOfDomainError } from "~/http/domain-error-status";
import { startCreatorOnboarding } from "~/stripe/creator-onboarding.server";
import { onboardingPage } from "~/stripe/onboarding-page";
import { logger } from "~/lib/logger.server";

// A creator's signed onboarding link (top level): redirects to a fresh Stripe account link.
// Stripe also sends the creator back here when that account link expires (refresh_url).
export const loader = async ({ params }: LoaderFunctionArgs) => {
  try {
    const url = await startCreatorOnboarding(params.token!);
    return new Response(null, { status: 303, headers: { Location: url, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    if (isDomainError(error) && error.code === "stripe_not_connected") {
      return onboardingPage(
        503,
        "Stripe onboarding",
        "This shop is not set up to pay with Stripe right now. Contact the shop, or try again later.",
      );
    }
    if (isDomainError(error)) return onboardingPage(statusOfDomainError(error.code), "Stripe onboarding", error.message);
    logger().warn({ module: "stripe" }, `onboarding could not start: ${error instanceof Error ? error.message : String(error)}`);
    return onboardingPage(503, "Stripe onboarding", "Stripe could not be reached. Reload this page in a moment.");
  }
};
