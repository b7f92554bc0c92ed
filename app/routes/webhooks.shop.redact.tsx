import type { ActionFunctionArgs } from "@remix-run/node";
import { acknowledged, methodNotAllowed, receiveShopifyWebhook } from "~/webhooks/receive-shopify-webhook.server";

// Topic shop/redact: recorded as an inbound event and queued; app/jobs/tasks/process-inbound-event.server.ts applies it.
export const action = async ({ request }: ActionFunctionArgs) => {
  await receiveShopifyWebhook(request);
  return acknowledged();
};
export const loader = methodNotAllowed;
