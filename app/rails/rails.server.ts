// The rails the app can pay on, by name: each is one module app/rails/<rail>/ exporting a Rail.
// A new rail adds its module here, its name to RailName and to the PayoutChannel enum.
import type { PayoutChannel } from "@prisma/client";
import { giftCardRail } from "./gift-card/gift-card-rail.server";
import { payPalRail } from "./paypal/paypal-rail.server";
import type { Rail, RailName } from "./rail";
import { storeCreditRail } from "./store-credit/store-credit-rail.server";
import { stripeRail } from "./stripe/stripe-rail.server";

const RAILS: Record<RailName, Rail> = {
  stripe: stripeRail,
  store_credit: storeCreditRail,
  paypal: payPalRail,
  gift_card: giftCardRail,
};

export function railNamed(name: PayoutChannel): Rail {
  const rail = (RAILS as Partial<Record<PayoutChannel, Rail>>)[name];
  if (!rail) throw new Error(`no payout rail named "${name}"`);
  return rail;
}

/** Every registered rail, in registration order (Settings and the portal list them from here). */
export function registeredRails(): Rail[] {
  return Object.values(RAILS);
}
