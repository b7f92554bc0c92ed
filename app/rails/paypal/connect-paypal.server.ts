// Connecting and disconnecting a shop's PayPal Payouts account in Settings. The client id and
// secret are checked live (an OAuth token from the chosen environment) before anything is
// stored; the secret is sealed (AES-256-GCM, bound to the shop row and column) and never
// returned to the browser, logged or put in the audit trail.
import type { Actor } from "~/audit/actor";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { withTransaction } from "~/db/transaction.server";
import { DomainError } from "~/domain/errors";
import { fieldErrorsOf } from "~/forms/field-errors";
import { now } from "~/lib/clock.server";
import { shopSecretField } from "~/lib/sealed-columns.server";
import { seal } from "~/lib/secret-box.server";
import { PayPalRefusal } from "./paypal-client.server";
import { clientIdHint, payPalConnectionForm } from "./paypal-connection-form";
import { payPalClientFor } from "./paypal-credentials.server";

const SUBJECT = (shopId: string) => ({ type: "shop", id: shopId });

export interface ConnectedPayPal {
  environment: "sandbox" | "live";
  clientIdHint: string;
  webhookId: string | null;
}

function refused(error: unknown, environment: string): DomainError {
  if (error instanceof PayPalRefusal) {
    const sentence =
      error.status === 401
        ? `PayPal did not accept this client id and secret in ${environment === "live" ? "Live" : "Sandbox"} mode. Copy both again from developer.paypal.com → Apps & Credentials, and check the mode: sandbox and live apps have different credentials.`
        : error.message;
    return new DomainError("paypal_credentials_refused", `Nothing was saved. ${sentence}`, { fieldErrors: { clientSecret: sentence } });
  }
  const sentence = "PayPal could not be reached to check these credentials. Nothing was saved; try again in a moment.";
  return new DomainError("paypal_unreachable", sentence, { fieldErrors: { clientSecret: sentence } });
}

export async function connectPayPal(shopId: string, input: Record<string, unknown>, actor: Actor): Promise<ConnectedPayPal> {
  const parsed = payPalConnectionForm.safeParse(input);
  if (!parsed.success) {
    throw new DomainError("invalid_paypal_connection", "Nothing was saved. Correct the PayPal fields marked below.", {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  const { environment, clientId, clientSecret, webhookId } = parsed.data;
  try {
    await payPalClientFor({ environment, clientId, clientSecret }).accessToken({ fresh: true });
  } catch (error) {
    throw refused(error, environment);
  }
  const connected: ConnectedPayPal = { environment, clientIdHint: clientIdHint(clientId), webhookId };
  await withTransaction("short", async (tx) => {
    await tx.shop.update({
      where: { id: shopId },
      data: {
        paypalClientId: clientId,
        paypalClientSecretCiphertext: seal(clientSecret, shopSecretField(shopId, "paypalClientSecretCiphertext")),
        paypalEnvironment: environment,
        paypalWebhookId: webhookId,
        paypalConnectedAt: now(),
      },
    });
    await recordAuditEvent(tx, { shopId, actor, action: "shop.paypal_connected", subject: SUBJECT(shopId), after: connected });
  });
  return connected;
}

/** Forgets the shop's PayPal credentials. */
export async function disconnectPayPal(shopId: string, actor: Actor): Promise<void> {
  await withTransaction("short", async (tx) => {
    const before = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { paypalClientId: true, paypalEnvironment: true } });
    if (!before.paypalClientId) return;
    await tx.shop.update({
      where: { id: shopId },
      data: {
        paypalClientId: null,
        paypalClientSecretCiphertext: null,
        paypalEnvironment: null,
        paypalWebhookId: null,
        paypalConnectedAt: null,
      },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "shop.paypal_disconnected",
      subject: SUBJECT(shopId),
      before: { environment: before.paypalEnvironment, clientIdHint: clientIdHint(before.paypalClientId) },
    });
  });
}
