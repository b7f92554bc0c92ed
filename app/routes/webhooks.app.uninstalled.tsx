import type { ActionFunctionArgs } from "@remix-run/node";
import { markShopUninstalled } from "~/shops/mark-shop-uninstalled.server";
import { acknowledged, methodNotAllowed, receiveShopifyWebhook } from "~/webhooks/receive-shopify-webhook.server";

// Topic app/uninstalled: sessions removed, shop marked uninstalled (its data stays until shop/redact).
export const action = async ({ request }: ActionFunctionArgs) => {
  // Handled inline: deleting sessions at once matters and takes two statements. Should this
  // request die first, the inbound drain applies the event when the request's lease runs out.
  const delivery = await receiveShopifyWebhook(request, { processInline: true });
  if (delivery.recorded.kind === "first") {
    await markShopUninstalled(delivery.shop, delivery.recorded.inboundEventId);
  }
  return acknowledged();
};
export const loader = methodNotAllowed;
