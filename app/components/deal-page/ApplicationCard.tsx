import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { InlineForm, IntentButton } from "./InlineForm";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDate } from "~/domain/calendar";

type CreatorApplication = DealPage["creator"]["application"];

/** The application a creator sent through the portal, with approve and decline while it waits. */
export function ApplicationCard({
  application,
  creator,
  errorsFor,
}: {
  application: NonNullable<CreatorApplication>;
  creator: DealPage["creator"];
  errorsFor: ErrorsFor;
}) {
  const timezone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Application
        </Text>
        <Text as="p">Applied on {formatShopDate(application.appliedAt, timezone)} through the creator portal.</Text>
        <Text as="p">{application.message ? application.message : "No message."}</Text>
        {creator.status === "applied" && (
          <InlineStack gap="200">
            <IntentButton intent="approve_application" label="Approve" variant="primary" />
            <InlineForm
              intent="decline_application"
              submitLabel="Decline"
              tone="critical"
              errors={errorsFor("decline_application")}
              fields={[{ name: "note", label: "Note to the applicant" }]}
            />
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}
