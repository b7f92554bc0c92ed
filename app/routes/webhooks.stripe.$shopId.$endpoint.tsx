import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveStripeWebhook } from "~/stripe/receive-stripe-webhook.server";

// Stripe's platform and Connect endpoints of one shop: verified, recorded, worked by the inbound drain.
export const action = ({ request, params }: ActionFunctionArgs) => receiveStripeWebhook(request, params.shopId!, params.endpoint!);
export const loader = () =>
  new Response("Method Not Allowed: Stripe delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
