import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, Text } from "@shopify/polaris";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { DownloadButton } from "~/components/DownloadButton";
import { PAYOUT_STATUS_LABEL } from "~/components/payout-status";
import type { PayoutView } from "./payout-view";

/** What can be done with the payout now: invoices to download, send, approve, cancel. */
export function PayoutActionsCard({
  payout,
  cancelable,
  busy,
  payoutPhrase,
}: {
  payout: PayoutView;
  cancelable: boolean;
  busy: boolean;
  payoutPhrase: string;
}) {
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
        {payout.invoiceLabel && (
          <DownloadButton url={`/app/payouts/${payout.id}/invoice.xml`} filename={`${payout.invoiceLabel}.xml`}>
            Download e-invoice (UBL)
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
        {/* A failed payout offers its cancel beside retry and pay offline (FailedPayoutCard). */}
        {cancelable && payout.status !== "failed" && (
          <ConfirmActionButton
            destructive
            fullWidth
            loading={busy}
            fields={{ intent: "cancel" }}
            title={`Cancel ${payoutPhrase}?`}
            body="Its items return to payable, to be paid in a later payout. The creator sees it as canceled."
          >
            Cancel payout
          </ConfirmActionButton>
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
