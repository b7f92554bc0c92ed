// A creator import whose worker died (issue 14 gap 4): the import is one transaction, so nothing of
// it was saved, but its row said "running" forever. Without a progress heartbeat for
// IMPORT_STALE_AFTER_MINUTES the page says it stopped and offers Resume, which queues it again;
// resuming twice, or resuming one that finished, changes nothing.
import { afterEach, expect, it } from "vitest";
import { db } from "~/db.server";
import { IMPORT_STALE_AFTER_MINUTES } from "~/imports/creator-import-heartbeat";
import { pgPool } from "~/lib/pg-pool.server";
import { createInstalledShop } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

const CSV = "name,email,referral_code\nAva Ames,ava.stale@creators.test,AVASTALE\nBen Bell,ben.stale@creators.test,BENSTALE\n";

afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

function upload(appUrl: string, domain: string) {
  const form = new FormData();
  form.set("intent", "import");
  form.set("preset", "auto");
  form.set("file", new Blob([CSV], { type: "text/csv" }), "creators.csv");
  return adminFetch(appUrl, domain, "/app/creators/import", { method: "POST", body: form });
}

/** The worker took the job and died: graphile-worker keeps it locked for hours. */
async function workerDiesHolding(importId: string) {
  await pgPool().query(
    `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'dead-worker', attempts = attempts + 1
      WHERE payload->>'importId' = $1`,
    [importId],
  );
}

describeWithApp("a creator import whose worker died", (app) => {
  it("says it stopped once its heartbeat is stale, and Resume imports it once", async () => {
    const shop = await createInstalledShop();
    const started = await upload(app.url, shop.domain);
    expect(started.status).toBe(302);
    const importId = new URL(started.headers.get("location")!, app.url).searchParams.get("import")!;
    await workerDiesHolding(importId);
    await drainJobs();
    expect((await db().creatorImport.findUniqueOrThrow({ where: { id: importId } })).status).toBe("running");
    const page = `/app/creators/import?import=${importId}`;
    const resume = () =>
      adminFetch(app.url, shop.domain, "/app/creators/import", {
        method: "POST",
        body: new URLSearchParams({ intent: "resume", importId }),
      });

    // Still within the heartbeat window: running, not stopped; Resume there queues nothing.
    expect(await (await adminFetch(app.url, shop.domain, page)).text()).not.toContain("This import stopped");
    expect((await resume()).status).toBe(302);
    const resumeJobs = () =>
      pgPool().query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`creator-import-resume:${importId}`]);
    expect((await resumeJobs()).rows[0].n).toBe(0);

    process.env.CREATOR_PAYOUTS_CLOCK = new Date(Date.now() + (IMPORT_STALE_AFTER_MINUTES + 1) * 60_000).toISOString();
    const stalled = await (await adminFetch(app.url, shop.domain, page)).text();
    expect(stalled).toContain("This import stopped");
    expect(stalled).toContain("Resume import");

    const resumed = await resume();
    expect(resumed.status).toBe(302);
    expect(resumed.headers.get("location")).toBe(page);
    expect((await resume()).status).toBe(302); // a second click queues nothing more
    expect((await resumeJobs()).rows[0].n).toBe(1);
    await drainJobs();
    expect((await db().creatorImport.findUniqueOrThrow({ where: { id: importId } })).status).toBe("completed");
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(2);
    const done = await resume();
    expect(done.status).toBe(302);
    await drainJobs();
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(2);
    expect(await (await adminFetch(app.url, shop.domain, page)).text()).not.toContain("This import stopped");
  });
});
