import type { ActionFunctionArgs } from "@remix-run/node";
import { acknowledged, receiveShopifyWebhook } from "~/webhooks/receive-shopify-webhook.server";

// Topic customers/redact: recorded as an inbound event; processed by the commission engine (issue 3).
export const action = async ({ request }: ActionFunctionArgs) => {
  await receiveShopifyWebhook(request);
  return acknowledged();
};
