import { BlockStack, Box, Card, InlineStack, Pagination, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { DisputeAnswer } from "./DisputeAnswer";
import { RemoveItemButton } from "./RemoveItemButton";
import { label } from "~/components/deal-page/status-labels";
import type { PayoutView } from "./payout-view";

/** The payout's items with their amounts and total; open disputes to answer, and items to remove while the payout can change. */
export function PayoutItemsCard({
  payout,
  editable,
  busy,
  money,
}: {
  payout: PayoutView;
  editable: boolean;
  busy: boolean;
  money: (amountMinor: number) => string;
}) {
  // The loader reads one page of the items (PAYOUT_ITEMS_PAGE_SIZE); the total is over all of them.
  const paging = payout.itemsPage;
  return (
    <Card padding="0">
      <AccessibleDataTable
        label="Payout items"
        columnContentTypes={["text", "text", "numeric"]}
        headings={["Item", "State", "Amount"]}
        rows={payout.items.map((item) => [
          <BlockStack gap="100" key={item.payoutItemId}>
            <Text as="span">{item.label}</Text>
            {item.disputeNote && (
              <DisputeAnswer payoutItemId={item.payoutItemId} note={item.disputeNote} answer={item.disputeAnswer} busy={busy} />
            )}
            {editable && item.state === "active" && (
              <InlineStack gap="200">
                <RemoveItemButton payoutItemId={item.payoutItemId} disposition="return_to_payable" busy={busy} />
                {(item.kind === "commission" || item.kind === "fixed_fee") && (
                  <RemoveItemButton payoutItemId={item.payoutItemId} disposition="reject" busy={busy} />
                )}
              </InlineStack>
            )}
          </BlockStack>,
          label(item.state),
          money(item.amountMinor),
        ])}
        totals={["", "", money(payout.amountMinor)]}
        showTotalsInFooter
      />
      {paging && paging.itemCount > paging.pageSize && (
        <Box padding="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="p" tone="subdued">
              {`Items ${(paging.page - 1) * paging.pageSize + 1}–${Math.min(paging.page * paging.pageSize, paging.itemCount)} of ${paging.itemCount}`}
            </Text>
            <Pagination
              hasPrevious={paging.page > 1}
              previousURL={`?items=${paging.page - 1}`}
              hasNext={paging.page * paging.pageSize < paging.itemCount}
              nextURL={`?items=${paging.page + 1}`}
            />
          </InlineStack>
        </Box>
      )}
    </Card>
  );
}
