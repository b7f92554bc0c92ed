import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { DiscountTermsFields } from "~/components/DiscountTermsFields";
import type { ErrorsFor } from "./errors-for";
import type { DiscountDefaults } from "~/discounts/discount-defaults";

export interface CreatorDiscountRow {
  code: string;
  inShopify: boolean;
  stateLabel: string | null;
  checkedAt: string | null;
}

const TONE: Record<string, "success" | "critical" | "warning" | undefined> = {
  Active: "success",
  "Deleted in Shopify": "critical",
  Deactivated: "warning",
  Expired: "warning",
};

/** The creator's codes and their state in Shopify; create one, link an existing one, or re-read. */
export function ShopifyDiscountsCard({
  codes,
  currency,
  errorsFor,
  codeFailed,
  defaults,
}: {
  codes: CreatorDiscountRow[];
  currency: string;
  errorsFor: ErrorsFor;
  codeFailed: boolean;
  defaults: DiscountDefaults;
}) {
  const [linkCode, setLinkCode] = useState("");
  const hasShopifyCode = codes.some((c) => c.inShopify);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Discount codes in Shopify
          </Text>
          {hasShopifyCode && (
            <Form method="post">
              <input type="hidden" name="intent" value="refresh_discounts" />
              <Button submit size="slim">
                Refresh from Shopify
              </Button>
            </Form>
          )}
        </InlineStack>
        {codeFailed && (
          <Text as="p" tone="critical">
            The creator was saved without a discount code: Shopify did not create it. Create it again below.
          </Text>
        )}
        {codes.length === 0 && <Text as="p">No discount codes yet.</Text>}
        {codes.map((c) => (
          <InlineStack key={c.code} gap="200">
            <Text as="span" fontWeight="semibold">
              {c.code}
            </Text>
            {c.inShopify ? <Badge tone={TONE[c.stateLabel ?? ""]}>{c.stateLabel ?? "Unknown"}</Badge> : <Badge>Only in the app</Badge>}
          </InlineStack>
        ))}
        <Form method="post" aria-label="Create code in Shopify">
          <input type="hidden" name="intent" value="create_discount" />
          <BlockStack gap="200">
            <DiscountTermsFields errors={errorsFor("create_discount")} currency={currency} defaults={defaults} />
            <InlineStack align="end">
              <Button submit>{codeFailed ? "Create code again" : "Create code in Shopify"}</Button>
            </InlineStack>
          </BlockStack>
        </Form>
        <Form method="post" aria-label="Link an existing code">
          <input type="hidden" name="intent" value="link_discount" />
          <InlineStack gap="200" blockAlign="end">
            <TextField
              label="Link an existing store code"
              name="linkCode"
              value={linkCode}
              onChange={setLinkCode}
              autoComplete="off"
              error={errorsFor("link_discount").linkCode}
            />
            <Button submit>Link code</Button>
          </InlineStack>
        </Form>
      </BlockStack>
    </Card>
  );
}
