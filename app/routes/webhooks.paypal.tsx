import type { ActionFunctionArgs } from "@remix-run/node";
import { receivePayPalWebhook } from "~/rails/paypal/receive-paypal-webhook.server";

// PayPal Payouts item events: verified through PayPal, the item re-read, settled through the shared settle.
export const action = ({ request }: ActionFunctionArgs) => receivePayPalWebhook(request);
export const loader = () =>
  new Response("Method Not Allowed: PayPal delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
