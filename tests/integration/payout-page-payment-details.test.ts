// ISSUE13 item 5: the payout page shows where to send an offline payment — PayPal email, or
// holder, BIC and the IBAN masked (never the full IBAN, which stays sealed server-side), or the
// creator's instructions — and the "Mark paid" method defaults to the creator's method.
import type { Shop } from "@prisma/client";
import { expect, it } from "vitest";
import type { PayoutDetails } from "~/creators/payout-details.server";
import { createPayout } from "~/payouts/create-payout.server";
import { giveCreator } from "../support/documents.testkit";
import { createInstalledShop, givePayable, MIA } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

const IBAN = "FR76 3000 6000 0112 3456 7890 189";

/** The HTML of a ready payout's page for a creator with `details`. */
async function payoutPageFor(appUrl: string, shop: Shop, name: string, details?: PayoutDetails) {
  const creator = await giveCreator(shop, name, { email: `${name.split(" ")[0]!.toLowerCase()}@creators.test`, details });
  await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 4200 });
  const payout = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
  return (await adminFetch(appUrl, shop.domain, `/app/payouts/${payout.payoutId}`)).text();
}

/** The value the "Method" field of the Mark paid form starts with. */
const methodFieldValue = (html: string) => /<input[^>]*name="method"[^>]*>/.exec(html)?.[0].match(/value="([^"]*)"/)?.[1];

describeWithApp("the payout page's payment details", (app) => {
  it("shows holder, BIC and the IBAN masked, never the full IBAN, and defaults the method to Bank transfer", async () => {
    const shop = await createInstalledShop();
    const html = await payoutPageFor(app.url, shop, "Hugo Laurent", {
      method: "bank_transfer",
      accountHolder: "Hugo Laurent",
      iban: IBAN,
      bic: "AGRIFRPP",
    });
    expect(html).toContain("Payment details");
    expect(html).toContain("FR76 •••• •••• 0189");
    expect(html).toContain("AGRIFRPP");
    expect(html).toContain("Hugo Laurent");
    for (const leak of [IBAN, IBAN.replace(/ /g, ""), "3000 6000", "30006000", "1234567890"]) expect(html).not.toContain(leak);
    expect(methodFieldValue(html)).toBe("Bank transfer");
  });

  it("shows a PayPal creator's email and defaults the method to PayPal", async () => {
    const shop = await createInstalledShop();
    const html = await payoutPageFor(app.url, shop, "Ben Okafor", { method: "paypal", paypalEmail: "ben.okafor@paypal.test" });
    expect(html).toContain("ben.okafor@paypal.test");
    expect(methodFieldValue(html)).toBe("PayPal");
  });

  it("shows the creator's own instructions for another method", async () => {
    const shop = await createInstalledShop();
    const html = await payoutPageFor(app.url, shop, "Carla Mendes", { method: "other", instructions: "Wise to @carla-mendes" });
    expect(html).toContain("Wise to @carla-mendes");
    expect(methodFieldValue(html)).toBe("Other");
  });

  it("says plainly when the creator has no payout details", async () => {
    const shop = await createInstalledShop();
    const html = await payoutPageFor(app.url, shop, "Dev Patel");
    expect(html).toContain("Dev Patel has no payout details: ask them to add them in the portal, or pay by a method you agree on.");
    expect(methodFieldValue(html)).toBe("Bank transfer");
  });
});
