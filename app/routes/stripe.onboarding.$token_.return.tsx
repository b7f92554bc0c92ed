import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDomainError } from "~/domain/errors";
import { statusOfDomainError } from "~/http/domain-error-status";
import { finishCreatorOnboarding } from "~/stripe/creator-onboarding.server";
import { onboardingPage } from "~/stripe/onboarding-page";
import { logger } from "~/lib/logger.server";

// Stripe's return_url after onboarding: re-reads the account, then says the tab can be closed.
export const loader = async ({ params }: LoaderFunctionArgs) => {
  try {
    const { complete, shopName } = await finishCreatorOnboarding(params.token!);
    return complete
      ? onboardingPage(
          200,
          "You're set up to be paid",
          `${shopName} can now pay you with Stripe. You can close this tab and go back to the store.`,
        )
      : onboardingPage(
          200,
          "Almost there",
          `Stripe still needs some details before ${shopName} can pay you. Open your onboarding link again to finish, or close this tab and go back to the store.`,
        );
  } catch (error) {
    if (isDomainError(error)) return onboardingPage(statusOfDomainError(error.code), "Stripe onboarding", error.message);
    logger().warn({ module: "stripe" }, `onboarding return failed: ${error instanceof Error ? error.message : String(error)}`);
    return onboardingPage(503, "Stripe onboarding", "Stripe could not be reached. Reload this page in a moment.");
  }
};
