// Stripe test fixtures: a shop connected to the fake Stripe, creators with connected accounts,
// and a payout worker run as a child process (to be killed mid-payout).
import { spawn, type ChildProcess } from "node:child_process";
import { db } from "~/db.server";
import { shopSecretField } from "~/lib/sealed-columns.server";
import { seal } from "~/lib/secret-box.server";
import { createCreator, createInstalledShop, givePayable } from "./factories";
import { startFakeStripe, type FakeStripe } from "./fake-stripe";
import { startTestApp, type TestApp } from "./test-app";

export const TEST_PLATFORM_WEBHOOK_SECRET = "whsec_test_platform_0123456789";
export const TEST_CONNECT_WEBHOOK_SECRET = "whsec_test_connect_0123456789";

export async function connectShopToStripe(shopId: string, secretKey = "sk_test_good") {
  await db().shop.update({
    where: { id: shopId },
    data: {
      stripeAccountId: "acct_platform",
      stripeSecretKeyCiphertext: seal(secretKey, shopSecretField(shopId, "stripeSecretKeyCiphertext")),
      stripePlatformWebhookSecretCiphertext: seal(
        TEST_PLATFORM_WEBHOOK_SECRET,
        shopSecretField(shopId, "stripePlatformWebhookSecretCiphertext"),
      ),
      stripeConnectWebhookSecretCiphertext: seal(
        TEST_CONNECT_WEBHOOK_SECRET,
        shopSecretField(shopId, "stripeConnectWebhookSecretCiphertext"),
      ),
      stripeLivemode: false,
      stripeAccountName: "Trail Co Payments",
      stripeKeyHint: "sk_test_…good",
      stripeConnectedAt: new Date(),
    },
  });
}

/** A creator whose connected account at the fake can (or cannot yet) receive transfers. */
export async function createStripeCreator(shopId: string, fake: FakeStripe, name = "Ava Ames", options: { active?: boolean } = {}) {
  const creator = await createCreator(shopId, name);
  const account = fake.addAccount();
  if (options.active !== false) fake.activateAccount(account.id);
  return db().creator.update({
    where: { id: creator.id },
    data: {
      payoutMethod: "stripe",
      stripeAccountId: account.id,
      stripeTransfersActive: options.active !== false,
      payoutDetailsStatus: options.active !== false ? "complete" : "pending",
    },
  });
}

export async function givePayableUsd(shopId: string, creatorId: string, amountMinor = 42_000, currency = "USD") {
  await givePayable(shopId, creatorId, { kind: "commission", amountMinor, currency });
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** Runs `tsx <script>` (scripts/worker.ts or scripts/start.ts) with the test's environment. */
export function spawnAppProcess(script: string, extraEnv: Record<string, string | undefined>): WorkerProcess {
  const env: Record<string, string | undefined> = { ...process.env, JOB_WORKER_CRON: "0", JOB_WORKER_CONCURRENCY: "1", ...extraEnv };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The fake Stripe and the built app pointed at it (STRIPE_API_ORIGIN), for one test file. */
export async function startStripeTestApp(): Promise<{ app: TestApp; fake: FakeStripe }> {
  const fake = await startFakeStripe();
  process.env.STRIPE_API_ORIGIN = fake.url;
  return { fake, app: await startTestApp() };
}

export async function stopStripeTestApp(running: { app?: TestApp; fake?: FakeStripe }) {
  await running.app?.close();
  await running.fake?.close();
}

/** A new installed shop (with an admin session) connected to the fake Stripe. */
export async function createStripeShop() {
  const shop = await createInstalledShop();
  await connectShopToStripe(shop.id);
  return shop;
}
