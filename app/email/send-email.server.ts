// Outgoing email. Messages are stored (OutboundEmail) in the transaction of the change that
// causes them and delivered by a job: over SMTP when SMTP_URL is set, else written as .eml files
// to the local outbox (.outbox/ or EMAIL_OUTBOX_DIR) for the developer to open.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { db, type DbTransaction } from "../db.server";
import { envVariables } from "../env.server";
import { enqueueJobs } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { now } from "../lib/clock.server";
import { emailSecretField } from "../lib/sealed-columns.server";
import { open, seal } from "../lib/secret-box.server";
import { composeEmail, mailOptions } from "./compose-email";

export interface EmailMessage {
  shopId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * A secret the bodies name by SECRET_PLACEHOLDER (a gift card code): stored sealed, never in
   * clear, filled in only when the email is delivered, then wiped.
   */
  secret?: string;
}

/** Stands in an email's bodies for its sealed secret until delivery. */
export const SECRET_PLACEHOLDER = "[[sealed-secret]]";

/** Queues an email inside the caller's transaction: it is sent only if the change commits. */
export async function queueEmail(tx: DbTransaction, message: EmailMessage): Promise<string> {
  const email = await tx.outboundEmail.create({
    data: {
      shopId: message.shopId,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
    },
    select: { id: true },
  });
  if (message.secret !== undefined) {
    const field = emailSecretField({ id: email.id, shopId: message.shopId });
    await tx.outboundEmail.update({ where: { id: email.id }, data: { secretCiphertext: seal(message.secret, field) } });
  }
  await enqueueEmailDeliveries(tx, [email.id]);
  return email.id;
}

/** One delivery job per stored email, keyed by the email: queued twice, it is still sent once. */
export async function enqueueEmailDeliveries(tx: DbTransaction, emailIds: readonly string[]): Promise<void> {
  await enqueueJobs(
    tx,
    JOB.sendEmail,
    emailIds.map((emailId) => ({ payload: { emailId }, jobKey: emailId, maxAttempts: 8 })),
  );
}

export function outboxDir() {
  return path.resolve(envVariables("EMAIL_OUTBOX_DIR").EMAIL_OUTBOX_DIR ?? ".outbox");
}

const fromAddress = () => envVariables("EMAIL_FROM").EMAIL_FROM ?? "payouts@creator-payouts.local";

/** Delivers one stored email (job `send_email`); a delivered email is never sent twice. */
export async function deliverEmail(emailId: string): Promise<void> {
  const email = await db().outboundEmail.findUnique({ where: { id: emailId }, include: { shop: true } });
  if (!email || email.sentAt) return;
  const secret = email.secretCiphertext ? open(email.secretCiphertext, emailSecretField(email)) : null;
  const filled =
    secret === null
      ? email
      : { ...email, textBody: fill(email.textBody, secret), htmlBody: email.htmlBody && fill(email.htmlBody, secret) };
  const message = mailOptions(filled, { address: fromAddress(), shop: email.shop });
  const { SMTP_URL } = envVariables("SMTP_URL");
  if (SMTP_URL) {
    await nodemailer.createTransport(SMTP_URL).sendMail(message);
  } else {
    await mkdir(outboxDir(), { recursive: true });
    await writeFile(
      path.join(outboxDir(), `${email.createdAt.toISOString().replace(/[:.]/g, "-")}-${email.id}.eml`),
      await composeEmail(message),
    );
  }
  await db().outboundEmail.update({ where: { id: email.id }, data: { sentAt: now(), error: null, secretCiphertext: null } });
}

const fill = (body: string, secret: string) => body.replaceAll(SECRET_PLACEHOLDER, secret);
