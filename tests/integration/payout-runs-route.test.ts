// The "Generate payouts" screens over HTTP, authenticated like the embedded admin: preview, start,
// progress and summary, cancel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { CLOCK, createPayee, februaryScenario, utc } from "../support/payout-runs.testkit";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { givePayable, MIA } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});
afterAll(async () => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
  await app?.close();
});

async function installedScenario() {
  const scenario = await februaryScenario();
  await installShopSession(scenario.shop.domain);
  return scenario;
}

const post = (domain: string, path: string, form: Record<string, string>) =>
  adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) });

const FEBRUARY_FORM = { from: "2026-02-01", to: "2026-02-28", creatorId: "", honourMinimum: "on" };

describe("Generate payouts", () => {
  it("opens on last month with the shop's creators to choose from", async () => {
    const { shop } = await installedScenario();
    const response = await adminFetch(app.url, shop.domain, "/app/payouts/runs/new");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="2026-02-01"');
    expect(html).toContain('value="2026-02-28"');
    expect(html).toContain("Ava Ames");
    expect(html).not.toContain("Cleo Cole"); // archived: not offered
  });

  it("previews who would be paid, how much and why others are not, writing nothing", async () => {
    const { shop } = await installedScenario();
    const response = await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, intent: "preview" });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const text of [
      "$125.00",
      "€30.00",
      "Excluded: below the 25.00 USD minimum",
      "Excluded: creator archived",
      "Excluded: Stripe onboarding not finished",
      "Excluded: no minimum set for GBP",
      "USD: 1 payout, $125.00 · 3 excluded",
      "Generate payouts",
    ]) {
      expect(html).toContain(text);
    }
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("says per creator which rail pays them, or why their rail cannot (issue 15)", async () => {
    const { shop } = await installedScenario();
    await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["stripe", "paypal", "offline"] } });
    const pia = await createPayee(shop.id, "Pia PayPal", { payoutMethod: "paypal" });
    const sol = await createPayee(shop.id, "Sol NoStripe", { payoutMethod: "paypal" });
    await db().creator.update({ where: { id: pia.id }, data: { preferredRail: "paypal" } });
    await db().creator.update({ where: { id: sol.id }, data: { preferredRail: "stripe" } });
    for (const creator of [pia, sol]) {
      await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 3000, payableSince: utc(2, 14) });
    }
    const response = await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, intent: "preview" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("on PayPal Payouts");
    expect(html).toContain("Excluded: paid with Stripe but has no Stripe account: ask them to finish Stripe onboarding in the portal");
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("explains a bad range and starts nothing", async () => {
    const { shop } = await installedScenario();
    const response = await post(shop.domain, "/app/payouts/runs/new", {
      ...FEBRUARY_FORM,
      from: "2026-02-28",
      to: "2026-02-01",
      intent: "start",
    });
    // invalid_payout_run is input to fix: 422 (app/http/domain-error-status.ts), with the page and its sentence.
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("The range ends before it starts: pick an end date on or after the start date.");
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("starts the run, shows its progress and summary, and cancels it", async () => {
    const { shop } = await installedScenario();
    const started = await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, intent: "start" });
    expect(started.status).toBe(302);
    const location = new URL(started.headers.get("Location")!, app.url).pathname;
    expect(location).toMatch(/^\/app\/payouts\/runs\/run_[0-9a-f]+$/);
    const runId = location.split("/").pop()!;

    const running = await (await adminFetch(app.url, shop.domain, location)).text();
    expect(running).toContain("Running");
    expect(running).toContain("0 of 2 creator balances");

    await drainJobs();
    const done = await (await adminFetch(app.url, shop.domain, location)).text();
    expect(done).toContain("Completed");
    expect(done).toContain("2 of 2 creator balances");
    const payouts = await db().payout.findMany({ where: { runId }, select: { id: true } });
    expect(payouts).toHaveLength(2);
    for (const payout of payouts) expect(done).toContain(`/app/payouts/${payout.id}`);
    expect(done).toContain("below the 25.00 USD minimum");

    const canceled = await post(shop.domain, location, { intent: "cancel" });
    expect(canceled.status).toBe(200);
    expect(await canceled.text()).toContain("Run canceled: 2 payouts canceled, their items are payable again.");
    expect(await db().payout.count({ where: { runId, status: "canceled" } })).toBe(2);
    expect(await db().payoutRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "canceled" });
  });

  it("answers 404 for another shop's run", async () => {
    const { shop } = await installedScenario();
    const other = await februaryScenario();
    const { runId } = await startPayoutRun(other.shop.id, { from: "2026-02-01", to: "2026-02-28", honourMinimum: true }, MIA);
    expect((await adminFetch(app.url, shop.domain, `/app/payouts/runs/${runId}`)).status).toBe(404);
    expect((await post(shop.domain, `/app/payouts/runs/${runId}`, { intent: "cancel" })).status).not.toBe(302);
    expect(await db().payoutRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "running" });
  });
});
