// queueEmailsInBulk (a payout run's batch): every message stored as written — address, subject and
// both bodies, quotes, backslashes and non-ASCII text included — in the caller's transaction, each
// with its own send_email job keyed by the email.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { withTransaction } from "~/db/transaction.server";
import { JOB } from "~/jobs/job-names";
import { queueEmailsInBulk } from "~/notifications/queue-creator-email.server";
import { createShop } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

const MESSAGES = [
  {
    to: "ava@creators.test",
    email: { subject: "Your payout CP-00001", text: 'Paid "soon"\n\\ done', html: "<p>Paid &quot;soon&quot;</p>" },
  },
  { to: "zoë@creators.test", email: { subject: "Auszahlung — 12,50 €", text: "Grüße 🎉", html: "<p>Grüße 🎉</p>" } },
];

// Texts that share all but their last character, half of a surrogate pair included (😀 and 😁 share
// their first half, 😀 and U+1FA00 their second): the batch's shared start and end go to the
// database once (commonAffixes), and a split pair would not be stored as written.
const ALIKE = [
  { to: "a@creators.test", email: { subject: "Paid 😀", text: "Hi A 😀!", html: "<p>😀 Hi</p>" } },
  { to: "b@creators.test", email: { subject: "Paid 😁", text: "Hi A 🨀!", html: "<p>🨀 Hi</p>" } },
];

describe("queueing a batch's emails", () => {
  it("stores each message as written, each with its delivery job", async () => {
    const shop = await createShop();
    const ids = await withTransaction("short", (tx) => queueEmailsInBulk(tx, shop.id, MESSAGES));
    expect(ids).toHaveLength(2);
    const stored = await db().outboundEmail.findMany({
      where: { id: { in: ids } },
      select: { id: true, shopId: true, toAddress: true, subject: true, textBody: true, htmlBody: true, sentAt: true },
    });
    expect(stored.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))).toEqual(
      MESSAGES.map(({ to, email }, index) => ({
        id: ids[index],
        shopId: shop.id,
        toAddress: to,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
        sentAt: null,
      })),
    );
    const jobs = await db().$queryRaw<{ task: string; key: string; emailId: string }[]>`
      SELECT t.identifier AS task, j.key, j.payload->>'emailId' AS "emailId"
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'emailId' = ANY(${ids}::text[]) ORDER BY j.id`;
    expect(jobs.map((job) => job.emailId).sort()).toEqual([...ids].sort());
    expect(jobs.every((job) => job.task === JOB.sendEmail && job.key === job.emailId)).toBe(true);
  });

  it("stores texts that share their start and end as written, emoji split between them included", async () => {
    const shop = await createShop();
    const ids = await withTransaction("short", (tx) => queueEmailsInBulk(tx, shop.id, ALIKE));
    const stored = await db().outboundEmail.findMany({
      where: { id: { in: ids } },
      select: { id: true, toAddress: true, subject: true, textBody: true, htmlBody: true },
    });
    expect(stored.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))).toEqual(
      ALIKE.map(({ to, email }, index) => ({
        id: ids[index],
        toAddress: to,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
      })),
    );
  });

  it("exists only if the caller's transaction commits", async () => {
    const shop = await createShop();
    await expect(
      withTransaction("short", async (tx) => {
        await queueEmailsInBulk(tx, shop.id, MESSAGES);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db().outboundEmail.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
