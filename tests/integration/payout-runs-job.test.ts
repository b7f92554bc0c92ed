// A payout run in the background (DOMAIN §2 "Payout run"): it pays exactly what the preview
// showed, reports progress, never pays an item twice when re-run or retried, and can be canceled
// as a whole with every item returning to payable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { cancelPayoutRun } from "~/payout-runs/cancel-payout-run.server";
import { CLOCK, FEBRUARY, februaryScenario } from "../support/payout-runs.testkit";
import { previewPayoutRun } from "~/payout-runs/preview-payout-run.server";
import { processPayoutRun, processPayoutRunTask } from "~/payout-runs/process-payout-run.server";
import { getPayoutRun, listPayoutRuns } from "~/payout-runs/read-payout-runs.server";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { MIA, PAID_ON } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants, rowCounts } from "../support/money-invariants";
import { drainJobs } from "../support/jobs";
import { useTestDatabase } from "../support/test-database";

const RUN = { ...FEBRUARY, honourMinimum: true };

beforeAll(async () => {
  await useTestDatabase();
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});
afterAll(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

async function expectBooksBalanced(shopId: string, creatorId: string, currency = "USD") {
  expect(brokenMoneyInvariants(await readMoneyInvariants(shopId, creatorId, currency))).toEqual([]);
}

const skippedCodes = (run: Awaited<ReturnType<typeof getPayoutRun>>) =>
  run.skipped.map((s) => [s.creatorName, s.currency, s.code, s.reason]);

describe("running a payout run", () => {
  it("creates the previewed payouts in the background, with progress and a summary", async () => {
    const { shop, ava } = await februaryScenario();
    const preview = await previewPayoutRun(shop.id, RUN);

    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    const started = await getPayoutRun(shop.id, runId);
    expect(started).toMatchObject({ status: "running", totalCreators: 2, doneCreators: 0, payouts: [] });

    await drainJobs();

    const run = await getPayoutRun(shop.id, runId);
    expect(run).toMatchObject({
      status: "completed",
      totalCreators: 2,
      doneCreators: 2,
      from: "2026-02-01",
      to: "2026-02-28",
      createdBy: "staff_mia",
    });
    expect(run.finishedAt).not.toBeNull();
    const previewed = preview.rows.filter((r) => !r.excluded).map((r) => [r.creatorName, r.currency, r.amountMinor]);
    expect(run.payouts.map((p) => [p.creatorName, p.currency, p.amountMinor])).toEqual(previewed);
    expect(run.payouts.every((p) => p.status === "ready" && p.invoiceLabel !== null)).toBe(true);
    expect(skippedCodes(run)).toEqual([
      ["Ben Brook", "USD", "below_minimum", "below the 25.00 USD minimum"],
      ["Cleo Cole", "USD", "creator_archived", "creator archived"],
      ["Dan Dell", "USD", "no_payout_details", "Stripe onboarding not finished"],
      ["Eve Endo", "GBP", "no_minimum", "no minimum set for GBP"],
    ]);
    const payouts = await db().payout.findMany({ where: { shopId: shop.id }, include: { items: true } });
    expect(payouts.every((p) => p.runId === runId && p.createdBy === "staff_mia")).toBe(true);
    // The March commission is after the range: still payable.
    expect(await readMoneyInvariants(shop.id, ava.id)).toMatchObject({ ledgerPayable: 700, ledgerInPayout: 12500 });
    await expectBooksBalanced(shop.id, ava.id);
    await expectBooksBalanced(shop.id, ava.id, "EUR");
    const actions = await db().auditEvent.findMany({ where: { shopId: shop.id, subjectId: runId }, orderBy: { occurredAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["payout_run.started", "payout_run.completed"]);
    expect((await listPayoutRuns(shop.id)).map((r) => [r.id, r.status])).toEqual([[runId, "completed"]]);
  });

  it("dates the payouts it creates by the app's clock, as a single payout is", async () => {
    const { shop, ava } = await februaryScenario();
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    await drainJobs();
    const fromRun = await db().payout.findMany({ where: { shopId: shop.id, runId } });
    expect(fromRun.length).toBeGreaterThan(0);
    for (const payout of fromRun) {
      expect(payout.createdAt.toISOString()).toBe(new Date(CLOCK).toISOString());
      expect(payout.updatedAt.toISOString()).toBe(new Date(CLOCK).toISOString());
    }
    const { shop: other, ava: single } = await februaryScenario();
    const { payoutId } = await createPayout({ shopId: other.id, creatorId: single.id, currency: "USD", origin: "manual", actor: MIA });
    const created = await db().payout.findUniqueOrThrow({ where: { id: payoutId } });
    expect(created.createdAt.toISOString()).toBe(new Date(CLOCK).toISOString());
    expect(ava.id).not.toBe(single.id);
  });

  it("re-running the same range creates nothing twice", async () => {
    const { shop, ava } = await februaryScenario();
    await startPayoutRun(shop.id, RUN, MIA);
    await drainJobs();
    const before = await rowCounts(shop.id);

    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    await drainJobs();

    const rerun = await getPayoutRun(shop.id, runId);
    expect(rerun).toMatchObject({ status: "completed", totalCreators: 0, payouts: [] });
    expect(skippedCodes(rerun).filter(([name]) => name === "Ava Ames")).toEqual([
      ["Ava Ames", "EUR", "nothing_payable", "nothing payable: already in a payout"],
      ["Ava Ames", "USD", "nothing_payable", "nothing payable: already in a payout"],
    ]);
    const after = await rowCounts(shop.id);
    expect(after).toMatchObject({
      payouts: before.payouts,
      payoutItems: before.payoutItems,
      ledgerTransactions: before.ledgerTransactions,
    });
    await expectBooksBalanced(shop.id, ava.id);
  });

  it("two runs of the same range queued together: the second finds nothing payable", async () => {
    const { shop, ava } = await februaryScenario();
    const first = await startPayoutRun(shop.id, RUN, MIA);
    const second = await startPayoutRun(shop.id, RUN, MIA);
    await drainJobs();

    const runs = [await getPayoutRun(shop.id, first.runId), await getPayoutRun(shop.id, second.runId)];
    expect(runs.map((r) => r.payouts.length).sort()).toEqual([0, 2]);
    const empty = runs.find((r) => r.payouts.length === 0)!;
    expect(empty).toMatchObject({ status: "completed", doneCreators: 2 });
    expect(empty.skipped.filter((s) => s.creatorName === "Ava Ames").map((s) => s.code)).toEqual(["nothing_payable", "nothing_payable"]);
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(2);
    await expectBooksBalanced(shop.id, ava.id);
  });

  it("a retried job continues where it stopped: a payout created just before a crash is not created again", async () => {
    const { shop, ava } = await februaryScenario();
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    // The crashed attempt had created Ava's USD payout but not yet recorded it in the summary.
    const early = await createPayout({
      shopId: shop.id,
      creatorId: ava.id,
      currency: "USD",
      origin: "run",
      actor: MIA,
      runId,
      payableUntil: new Date("2026-02-28T23:59:59.999Z"),
      minimumMinor: 2500,
    });

    await drainJobs();

    const run = await getPayoutRun(shop.id, runId);
    expect(run).toMatchObject({ status: "completed", doneCreators: 2 });
    expect(run.payouts.map((p) => [p.currency, p.amountMinor])).toEqual([
      ["EUR", 3000],
      ["USD", 12500],
    ]);
    expect(run.payouts.find((p) => p.currency === "USD")!.payoutId).toBe(early.payoutId);
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(2);
    await expectBooksBalanced(shop.id, ava.id);
  });
});

describe("what a run records as it goes", () => {
  it("keeps a group it skipped as a row, shown on the run with the planned name and amount, and never grows the summary", async () => {
    const { shop, ava } = await februaryScenario();
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    const planned = (await db().payoutRun.findUniqueOrThrow({ where: { id: runId } })).summary;
    // Between the preview and the job, someone pays Ava's USD balance by hand: the job skips her.
    await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "manual", actor: MIA });

    await drainJobs();

    const run = await getPayoutRun(shop.id, runId);
    expect(run).toMatchObject({ status: "completed", doneCreators: 2 });
    expect(run.payouts.map((p) => [p.creatorName, p.currency, p.amountMinor])).toEqual([["Ava Ames", "EUR", 3000]]);
    const inRun = run.skipped.filter((s) => s.creatorName === "Ava Ames");
    expect(inRun).toEqual([expect.objectContaining({ creatorId: ava.id, currency: "USD", amountMinor: 12500, code: expect.any(String) })]);
    const rows = await db().payoutRunSkip.findMany({ where: { runId } });
    expect(rows.map((row) => [row.position, row.creatorId, row.currency, row.code, row.reason])).toEqual([
      [1, ava.id, "USD", inRun[0].code, inRun[0].reason],
    ]);
    // The plan is as it was when the run started: progress is "doneCreators", not a list in it.
    expect((await db().payoutRun.findUniqueOrThrow({ where: { id: runId } })).summary).toEqual(planned);
    const completed = await db().auditEvent.findFirstOrThrow({
      where: { shopId: shop.id, subjectId: runId, action: "payout_run.completed" },
    });
    expect(completed.after).toMatchObject({ payouts: 1, skipped: 1 + 4 });
  });
});

describe("a run that cannot finish", () => {
  it("is retried by the queue and, on its last attempt, ends failed with the error", async () => {
    const { shop } = await februaryScenario();
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    // A plan no code could work through stands in for an outage that outlasts every retry.
    await db().$executeRaw`UPDATE "PayoutRun" SET "summary" = jsonb_set("summary", '{groups}', '[null]') WHERE "id" = ${runId}`;
    const attempt = (attempts: number) =>
      processPayoutRunTask({ runId }, { job: { attempts, max_attempts: 5 } } as unknown as Parameters<typeof processPayoutRunTask>[1]);

    const readRun = () => db().payoutRun.findUniqueOrThrow({ where: { id: runId } });
    await expect(attempt(1)).rejects.toThrow();
    expect(await readRun()).toMatchObject({ status: "running" });
    await expect(attempt(5)).rejects.toThrow();

    const run = await readRun();
    expect(run.status).toBe("failed");
    expect(run.finishedAt).not.toBeNull();
    expect((run.summary as { error: string }).error).toMatch(/creatorId/);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subjectId: runId, action: "payout_run.failed" } });
    expect(audit.actorType).toBe("system");
  });
});

describe("canceling a payout run", () => {
  it("cancels its payouts not yet being paid; their items are payable again and the books are back", async () => {
    const { shop, ava } = await februaryScenario();
    const before = await previewPayoutRun(shop.id, RUN);
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    await drainJobs();
    const eur = (await getPayoutRun(shop.id, runId)).payouts.find((p) => p.currency === "EUR")!;
    await markPayoutPaidOffline(shop.id, eur.payoutId, MIA, { method: "Bank transfer", reference: "WIRE-7", paidOn: PAID_ON });

    const result = await cancelPayoutRun(shop.id, runId, MIA);

    expect(result).toEqual({ canceledPayouts: 1, keptPayouts: [{ payoutId: eur.payoutId, status: "paid" }] });
    const run = await getPayoutRun(shop.id, runId);
    expect(run.status).toBe("canceled");
    expect(run.payouts.map((p) => [p.currency, p.status, p.amountMinor])).toEqual([
      ["EUR", "paid", 3000],
      ["USD", "canceled", 12500],
    ]);
    expect(await readMoneyInvariants(shop.id, ava.id)).toMatchObject({ ledgerPayable: 12500 + 700, ledgerInPayout: 0 });
    await expectBooksBalanced(shop.id, ava.id);
    await expectBooksBalanced(shop.id, ava.id, "EUR");
    const again = await previewPayoutRun(shop.id, RUN);
    expect(again.rows.find((r) => r.creatorName === "Ava Ames" && r.currency === "USD")).toEqual(
      before.rows.find((r) => r.creatorName === "Ava Ames" && r.currency === "USD"),
    );
    const audit = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, subjectId: runId, action: "payout_run.canceled" } });
    expect(audit).toMatchObject({ actorId: "staff_mia", before: { status: "completed" }, after: { status: "canceled" } });
    // Canceling again changes nothing.
    expect(await cancelPayoutRun(shop.id, runId, MIA)).toEqual({
      canceledPayouts: 0,
      keptPayouts: [{ payoutId: eur.payoutId, status: "paid" }],
    });
  });

  it("a run canceled before its job runs creates no payouts", async () => {
    const { shop } = await februaryScenario();
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    await cancelPayoutRun(shop.id, runId, MIA);
    await drainJobs();
    expect(await getPayoutRun(shop.id, runId)).toMatchObject({ status: "canceled", doneCreators: 0, payouts: [] });
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("refuses another shop's run", async () => {
    const { shop } = await februaryScenario();
    const other = await februaryScenario();
    const { runId } = await startPayoutRun(other.shop.id, RUN, MIA);
    await expect(cancelPayoutRun(shop.id, runId, MIA)).rejects.toMatchObject({ code: "payout_run_not_found" });
    await expect(getPayoutRun(shop.id, runId)).rejects.toMatchObject({ code: "payout_run_not_found" });
  });
});

describe("uninstalled shops", () => {
  it("start no run, and a running run pauses until the shop is back", async () => {
    const { shop } = await februaryScenario();
    const { runId } = await startPayoutRun(shop.id, RUN, MIA);
    await db().shop.update({ where: { id: shop.id }, data: { installState: "uninstalled" } });
    const before = await rowCounts(shop.id);

    await expect(startPayoutRun(shop.id, RUN, MIA)).rejects.toMatchObject({ code: "shop_uninstalled" });
    await drainJobs();

    expect(await getPayoutRun(shop.id, runId)).toMatchObject({ status: "running", doneCreators: 0 });
    expect(await rowCounts(shop.id)).toEqual(before);
    const waiting = await db().$queryRaw<
      { count: bigint }[]
    >`SELECT COUNT(*) AS count FROM graphile_worker.jobs WHERE key = ${`payout_run:${runId}`} AND run_at > now()`;
    expect(Number(waiting[0].count)).toBe(1);

    await db().shop.update({ where: { id: shop.id }, data: { installState: "installed" } });
    await processPayoutRun(runId); // what the delayed job does when its time comes
    expect(await getPayoutRun(shop.id, runId)).toMatchObject({ status: "completed", doneCreators: 2 });
  });
});
