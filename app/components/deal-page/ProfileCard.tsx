import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { InlineForm, IntentButton } from "./InlineForm";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";

/** The creator's profile, with invite, pause, resume and archive. */
export function ProfileCard({ creator, errorsFor }: { creator: DealPage["creator"]; errorsFor: ErrorsFor }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Profile
        </Text>
        {/* Two lines on purpose: the invitation is portal access; earning never waits for it (DOMAIN.md §3). */}
        <Text as="p">Invitation: {creator.invitationLine}</Text>
        <Text as="p">Payout details: {creator.payoutDetailsLine}</Text>
        <Text as="p">Discount codes: {creator.discountCodes.join(", ") || "none"}</Text>
        <Text as="p">
          Tax: {creator.taxCountry ?? "country not given"}
          {creator.taxFormOnFile ? ", form on file" : ""}
        </Text>
        {creator.tags.length > 0 && <Text as="p">Tags: {creator.tags.join(", ")}</Text>}
        {creator.notes && (
          <Text as="p" tone="subdued">
            {creator.notes}
          </Text>
        )}
        <InlineStack gap="200">
          {creator.status === "invited" && <IntentButton intent="invite" label="Send invitation" />}
          {creator.status === "paused" && <IntentButton intent="resume" label="Resume" />}
          {creator.status !== "archived" && (
            <ConfirmActionButton
              destructive
              size="slim"
              fields={{ intent: "archive" }}
              title={`Archive ${creator.name}?`}
              body="They earn nothing new from now on. What they are already owed stays payable."
            >
              Archive
            </ConfirmActionButton>
          )}
        </InlineStack>
        {creator.status === "active" && (
          <InlineForm
            intent="pause"
            submitLabel="Pause"
            errors={errorsFor("pause")}
            fields={[{ name: "reason", label: "Reason for pausing" }]}
          />
        )}
      </BlockStack>
    </Card>
  );
}
