import { z } from "zod";

const id = z.union([z.number(), z.string()]).transform(String);

/** customers/data_request and customers/redact (Shopify's mandatory compliance webhooks). */
export const customerCompliancePayload = z.object({
  shop_domain: z.string().optional(),
  customer: z.object({ id: id.nullable().optional(), email: z.string().nullable().optional() }),
  orders_requested: z.array(id).optional(),
  orders_to_redact: z.array(id).optional(),
  data_request: z.object({ id: id }).optional(),
});

export type CustomerCompliancePayload = z.infer<typeof customerCompliancePayload>;
