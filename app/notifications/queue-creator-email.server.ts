// Emails to creators, queued inside the transaction of the change they report (queueEmail): an
// email exists exactly when its change committed. The shop's sender name and reply-to address
// are applied when the email is delivered (app/email/send-email.server.ts).
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { commonAffixes, middleOf } from "../email/common-affixes";
import { enqueueEmailDeliveries, queueEmail } from "../email/send-email.server";
import { creatorLocale, type CreatorEmail, type EmailContext } from "./creator-emails";

/** Reads the shop and the creator, builds the email and queues it to the creator's address. */
export async function queueCreatorEmail(
  tx: DbTransaction,
  shopId: string,
  creatorId: string,
  build: (context: EmailContext) => CreatorEmail,
  options: { secret?: string } = {},
): Promise<string> {
  const creator = await tx.creator.findFirstOrThrow({
    where: { id: creatorId, shopId },
    select: { name: true, email: true, locale: true, shop: { select: { name: true, domain: true, timezone: true } } },
  });
  const email = build({
    shopName: creator.shop.name,
    shopDomain: creator.shop.domain,
    creatorName: creator.name,
    timeZone: creator.shop.timezone,
    locale: creatorLocale(creator.locale),
  });
  return queueEmail(tx, { shopId, to: creator.email, subject: email.subject, text: email.text, html: email.html, ...options });
}

/**
 * Queues many emails with two statements (the set-based payout-run path): one INSERT of every
 * message and one statement adding a delivery job per message, keyed like queueEmail's.
 */
export async function queueEmailsInBulk(
  tx: DbTransaction,
  shopId: string,
  messages: readonly { to: string; email: CreatorEmail }[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  // One JSON parameter, not Prisma's createManyAndReturn: its query plan carried every body as a
  // parameter of its own through the query compiler (≈ 20 ms of app CPU for a run's batch of
  // 100 emails, 10,000 emails a full-size payout-run benchmark; raw, ≈ 2 ms). The batch's emails
  // share most of their text (greeting, HTML shell, portal link, signature): that goes once, each
  // row carries its own middle (≈ 121 → 18 KB a run's batch). The query compiler and the driver
  // copy the parameter several times and the copies live through the statement: in a full-size
  // run they were most of what each batch promoted to V8's old space, the run's peak heap.
  const subject = commonAffixes(messages.map(({ email }) => email.subject));
  const text = commonAffixes(messages.map(({ email }) => email.text));
  const html = commonAffixes(messages.map(({ email }) => email.html));
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO "OutboundEmail" ("shopId", "toAddress", "subject", "textBody", "htmlBody")
    SELECT ${shopId}, m."to", ${subject.prefix}::text || m."subject" || ${subject.suffix}::text,
      ${text.prefix}::text || m."text" || ${text.suffix}::text, ${html.prefix}::text || m."html" || ${html.suffix}::text
    FROM jsonb_to_recordset(${JSON.stringify(
      messages.map(({ to, email }, position) => ({
        position,
        to,
        subject: middleOf(email.subject, subject),
        text: middleOf(email.text, text),
        html: middleOf(email.html, html),
      })),
    )}::jsonb) AS m("position" int, "to" text, "subject" text, "text" text, "html" text)
    ORDER BY m."position"
    RETURNING "id"`);
  const ids = rows.map((row) => row.id);
  await enqueueEmailDeliveries(tx, ids);
  return ids;
}
