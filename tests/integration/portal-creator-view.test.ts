// What the creator sees of everything that moves their balance (issue 13, items 7 and 8), read
// through the signed app proxy from the built app: withdrawal requests with the store's note,
// adjustments with their reason, the note of a paid payout, the reason of a canceled one, the
// progress towards the minimum, the next payout in manual mode; and forms that offer only what
// applies (Stripe only with a connected shop, "My saved method" only when one exists), in EN and FR.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { approvePayoutRequest, rejectPayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { requestWithdrawal } from "~/portal/actions/request-withdrawal.server";
import { proxyFetch } from "../support/app-proxy";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { connectShopToStripe } from "../support/stripe-fixtures";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

let customerSeq = 8_600_000;

/** An active creator linked to a storefront customer, and a GET of their portal. */
async function portalCreator(shopId: string, shopDomain: string, changes: Parameters<typeof createCreator>[2] = {}) {
  const customerId = String(customerSeq++);
  const creator = await createCreator(shopId, "Ava Ames", { shopifyCustomerId: customerId, ...changes });
  const target = { shop: shopDomain, customerId };
  const page = async (locale = "en") => {
    const response = await proxyFetch(app.url, `/portal?locale=${locale}`, target);
    expect(response.status).toBe(200);
    return response.text();
  };
  return { creator, target, page };
}

/** The HTML of one portal section, by its heading id. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  if (start === -1) return "";
  const end = html.indexOf("</section>", start);
  return html.slice(start, end);
}

const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? null;

describe("portal: everything that moves the balance", () => {
  it("lists withdrawal requests with their status and the store's note, and an approved one as paid once its payout is", async () => {
    const shop = await createInstalledShop();
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 10000 });
    const declined = await requestWithdrawal(shop.id, creator.id, { amount: "30.00", currency: "USD" });
    await rejectPayoutRequest(shop.id, declined.requestId, MIA, "Please send the March invoice first.");
    const approved = await requestWithdrawal(shop.id, creator.id, { amount: "40.00", currency: "USD" });
    const { payoutId } = await approvePayoutRequest(shop.id, approved.requestId, MIA);
    await markPayoutPaidOffline(shop.id, payoutId, MIA, { method: "PayPal", reference: "PP-1", paidOn: "2026-01-15" });
    await requestWithdrawal(shop.id, creator.id, { amount: "25.00", currency: "USD" });

    const requests = sectionOf(await page(), "cp-withdrawal");
    expect(requests).toContain("Your withdrawal requests");
    expect(requests).toMatch(
      /\$30\.00<\/td><td data-label="Status"><span class="creator-portal__status-tag">Declined<\/span><\/td><td data-label="Note from the store">Please send the March invoice first\.<\/td>/,
    );
    expect(requests).toMatch(/\$40\.00<\/td><td data-label="Status"><span class="creator-portal__status-tag">Approved · Paid<\/span>/);
    expect(requests).toMatch(
      /\$25\.00<\/td><td data-label="Status"><span class="creator-portal__status-tag">Waiting for the store<\/span>/,
    );
  });

  it("shows adjustments with their reason", async () => {
    const shop = await createInstalledShop();
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "adjustment", amountMinor: 5000, text: "Launch bonus <for> March" });
    await givePayable(shop.id, creator.id, { kind: "adjustment", amountMinor: -1250, text: "Correction: order #1001 refunded" });

    const adjustments = sectionOf(await page(), "cp-adjustments");
    expect(adjustments).toContain("Adjustments");
    expect(adjustments).toMatch(/<td data-label="Reason">Launch bonus &lt;for&gt; March<\/td><td data-label="Amount">\$50\.00<\/td>/);
    expect(adjustments).toMatch(/<td data-label="Reason">Correction: order #1001 refunded<\/td><td data-label="Amount">-\$12\.50<\/td>/);
  });

  it("shows the note the store wrote when marking a payout paid, and the reason a payout was canceled", async () => {
    const shop = await createInstalledShop();
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 30000 });
    const paid = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    await markPayoutPaidOffline(shop.id, paid.payoutId, MIA, {
      method: "Bank transfer",
      reference: "SEPA-77",
      paidOn: "2026-01-15",
      note: "Thanks for the spring videos!",
    });
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 4200 });
    const canceled = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    await cancelPayout(shop.id, canceled.payoutId, MIA, "Waiting for your payout details");

    const payouts = sectionOf(await page(), "cp-payouts");
    expect(payouts).toMatch(/Paid<\/span><br>Paid on Jan 15, 2026 via Bank transfer<br>Note from the store: Thanks for the spring videos!/);
    expect(payouts).toMatch(
      /\$42\.00<\/td><td data-label="Status"><span class="creator-portal__status-tag">Canceled<\/span><br>Reason: Waiting for your payout details/,
    );
  });

  it("shows the progress towards the shop's minimum, per currency", async () => {
    const shop = await createInstalledShop();
    await db().payoutMinimum.create({ data: { shopId: shop.id, currency: "EUR", amountMinor: 5000n } });
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 1840 });
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 1000, currency: "EUR" });

    const withdrawal = sectionOf(await page(), "cp-withdrawal");
    expect(withdrawal).toContain("$18.40 of $25.00 until you can withdraw.");
    expect(withdrawal).toContain("€10.00 of €50.00 until you can withdraw.");
    expect(withdrawal).toContain('<progress aria-hidden="true" max="2500" value="1840"></progress>');
  });

  it("says when the next payout comes in manual mode (when the store pays) with any open request, and the date on a schedule", async () => {
    const shop = await createInstalledShop({ timezone: "Europe/Paris" });
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 9000 });
    await requestWithdrawal(shop.id, creator.id, { amount: "60.00", currency: "USD" });

    const manual = sectionOf(await page(), "cp-balances");
    expect(manual).toMatch(
      /Next payout: when the store pays\. You can also ask for a withdrawal\. Your withdrawal request of \$60\.00 \([A-Z][a-z]{2} \d{1,2}, \d{4}\) is waiting for the store\./,
    );

    await db().shop.update({ where: { id: shop.id }, data: { payoutSchedule: "monthly" } });
    const monthly = sectionOf(await page(), "cp-balances");
    expect(monthly).toMatch(/Next scheduled payout: [A-Z][a-z]{2} 1, \d{4}\. Your withdrawal request of \$60\.00/);
  });

  it("speaks French: requests, adjustments, progress, manual payouts", async () => {
    const shop = await createInstalledShop();
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "adjustment", amountMinor: 3000, text: "Prime de lancement" });
    const request = await requestWithdrawal(shop.id, creator.id, { amount: "25.00", currency: "USD" });
    await rejectPayoutRequest(shop.id, request.requestId, MIA, "Merci d'attendre la facture de mars.");
    await db().payoutMinimum.create({ data: { shopId: shop.id, currency: "USD", amountMinor: 5000n } });

    const html = await page("fr");
    expect(html).toContain("Vos demandes de retrait");
    expect(html).toContain(
      '<span class="creator-portal__status-tag">Refusée</span></td><td data-label="Note de la boutique">Merci d&#39;attendre la facture de mars.</td>',
    );
    expect(html).toContain("Ajustements");
    expect(html).toContain('<td data-label="Motif">Prime de lancement</td>');
    expect(html).toMatch(/30,00\s\$US sur 50,00\s\$US avant de pouvoir demander un retrait\./);
    expect(html).toContain("Prochain paiement : quand la boutique paie.");
  });
});

describe("portal: forms offer only what applies", () => {
  it("offers no Stripe anywhere in a shop without Stripe, and refuses a hand-made Stripe withdrawal", async () => {
    const shop = await createInstalledShop();
    const { creator, target, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 10000 });
    const html = await page();
    expect(html).toContain('id="cp-withdraw-method"');
    expect(html).not.toContain('value="stripe"');
    expect(html).not.toContain("Stripe");

    const body = new URLSearchParams({
      _portal_token: tokenIn(html)!,
      intent: "withdraw",
      amount: "50.00",
      currency: "USD",
      method: "stripe",
    });
    const refused = await proxyFetch(app.url, "/portal?locale=en", target, { method: "POST", body });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("This store does not pay through Stripe");
    expect(await db().payoutRequest.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("shows Stripe with the creator's account status and the onboarding link in a connected shop, and offers it for withdrawals once ready", async () => {
    const shop = await createInstalledShop();
    await connectShopToStripe(shop.id);
    const { creator, page } = await portalCreator(shop.id, shop.domain, { stripeAccountId: "acct_portal_view" });
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 10000 });

    const unfinished = sectionOf(await page(), "cp-method");
    expect(unfinished).toContain('data-portal-stripe="incomplete"');
    expect(unfinished).toContain('<span class="creator-portal__status-tag">Setup not finished</span>');
    expect(unfinished).toMatch(
      /<a class="creator-portal__button" href="[^"]+\/stripe\/onboarding\/[^"]+" rel="noopener">Set up payouts with Stripe<\/a>/,
    );
    expect(sectionOf(await page(), "cp-withdrawal")).not.toContain('value="stripe"');

    await db().creator.update({
      where: { id: creator.id },
      data: { stripeTransfersActive: true, payoutMethod: "stripe", payoutDetailsStatus: "complete" },
    });
    const html = await page();
    expect(sectionOf(html, "cp-method")).toContain('<span class="creator-portal__status-tag">Ready</span>');
    expect(sectionOf(html, "cp-method")).not.toContain("/stripe/onboarding/");
    const withdrawal = sectionOf(html, "cp-withdrawal");
    expect(withdrawal).toMatch(/<option value="" selected>My saved method \(Stripe\)<\/option><option value="stripe" >Stripe<\/option>/);
  });

  it("offers 'My saved method' only when the creator has one, named by its summary", async () => {
    const shop = await createInstalledShop();
    const { creator, page } = await portalCreator(shop.id, shop.domain);
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 10000 });
    const without = sectionOf(await page(), "cp-withdrawal");
    expect(without).toContain('id="cp-withdraw-method"');
    expect(without).not.toContain("My saved method");
    expect(without).not.toContain('<option value=""');

    await db().creator.update({
      where: { id: creator.id },
      data: { payoutMethod: "paypal", payoutDetailsStatus: "complete", payoutDetailsSummary: "PayPal a•••@example.com" },
    });
    expect(sectionOf(await page(), "cp-withdrawal")).toContain(
      '<option value="" selected>My saved method (PayPal a•••@example.com)</option>',
    );
    expect(sectionOf(await page("fr"), "cp-withdrawal")).toContain("Mon moyen enregistré (PayPal a•••@example.com)");
  });

  it("gives each offline method its own fieldset, the creator's method chosen, and no Stripe in the offline form", async () => {
    const shop = await createInstalledShop();
    await connectShopToStripe(shop.id);
    const { page } = await portalCreator(shop.id, shop.domain, { payoutMethod: "bank_transfer", payoutDetailsStatus: "complete" });
    const method = sectionOf(await page(), "cp-method");
    expect(method).toContain('<option value="bank_transfer" selected>Bank transfer</option>');
    const form = method.slice(method.indexOf('<select class="creator-portal__input" id="cp-method-method"'));
    expect(form).not.toContain('value="stripe"');
    expect(form).toContain('data-method-fields="paypal"><legend>PayPal</legend>');
    expect(form).toContain('data-method-fields="bank_transfer"><legend>Bank transfer</legend>');
    expect(form).toContain('data-method-fields="other"><legend>Other</legend>');
  });
});
