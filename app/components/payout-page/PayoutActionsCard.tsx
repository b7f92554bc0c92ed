import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, Text } from "@shopify/polaris";
import { DownloadButton } from "~/components/DownloadButton";
import { PAYOUT_STATUS_LABEL } from "~/components/payout-status";
import type { PayoutView } from "./payout-view";

/** What can be done with the payout now: invoices to download, send, approve, cancel. */
export function PayoutActionsCard({ payout, cancelable, busy }: { payout: PayoutView; cancelable: boolean; busy: boolean }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Actions
        </Text>
        {payout.invoiceLabel && (
          <DownloadButton url={`/app/payouts/${payout.id}/invoice.pdf`} filename={`${payout.invoiceLabel}.pdf`}>
            Download invoice
          </DownloadButton>
        )}
        {payout.hasCreatorInvoice && (
          <DownloadButton
            url={`/app/payouts/${payout.id}/creator-invoice`}
            filename={`creator-invoice-${payout.invoiceLabel ?? payout.id}`}
          >
            Download the creator's invoice
          </DownloadButton>
        )}
        {payout.status === "draft" && (
          <Form method="post">
            <input type="hidden" name="intent" value="send" />
            <Button submit variant="primary" fullWidth loading={busy}>
              Send payout
            </Button>
          </Form>
        )}
        {payout.status === "pending_review" && (
          <Form method="post">
            <input type="hidden" name="intent" value="accept_review" />
            <Button submit fullWidth loading={busy}>
              Approve without the creator's review
            </Button>
          </Form>
        )}
        {cancelable && (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <Button submit tone="critical" fullWidth loading={busy}>
              Cancel payout
            </Button>
          </Form>
        )}
        {!cancelable && payout.status !== "draft" && (
          <Text as="p" tone="subdued">
            No actions: this payout is {PAYOUT_STATUS_LABEL[payout.status].toLowerCase()}.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
