import { Form } from "@remix-run/react";
import { Button } from "@shopify/polaris";

export function RemoveItemButton({
  payoutItemId,
  disposition,
  busy,
}: {
  payoutItemId: string;
  disposition: "return_to_payable" | "reject";
  busy: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remove_item" />
      <input type="hidden" name="payoutItemId" value={payoutItemId} />
      <input type="hidden" name="disposition" value={disposition} />
      <Button submit size="micro" tone={disposition === "reject" ? "critical" : undefined} disabled={busy}>
        {disposition === "reject" ? "Reject" : "Remove (keep payable)"}
      </Button>
    </Form>
  );
}
