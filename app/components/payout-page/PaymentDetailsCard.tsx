import { Banner, BlockStack, Card, Text } from "@shopify/polaris";
import { noPayoutDetailsSentence, type PaymentDestination } from "~/domain/creator/payment-destination";
import { Detail } from "./Detail";

const SUMMARY_METHOD = { paypal: "PayPal", bank_transfer: "Bank transfer", other: "Other" } as const;

/** Where to send the money when paying offline: the creator's method and details (IBAN masked). */
export function PaymentDetailsCard({ destination }: { destination: PaymentDestination }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payment details
        </Text>
        <PaymentDestinationDetails destination={destination} />
      </BlockStack>
    </Card>
  );
}

function PaymentDestinationDetails({ destination }: { destination: PaymentDestination }) {
  switch (destination.kind) {
    case "none":
      return <Banner tone="warning">{noPayoutDetailsSentence(destination.creatorName)}</Banner>;
    case "stripe":
      return (
        <Text as="p">
          {destination.transfersActive
            ? "Paid with Stripe: their Stripe account is ready for transfers."
            : "Paid with Stripe: they have not finished Stripe onboarding. Send them the onboarding link, or pay offline by a method you agree on."}
        </Text>
      );
    case "paypal":
      return (
        <dl style={{ margin: 0 }}>
          <Detail label="Method" value="PayPal" />
          <Detail label="PayPal email" value={destination.paypalEmail} />
        </dl>
      );
    case "bank_transfer":
      return (
        <dl style={{ margin: 0 }}>
          <Detail label="Method" value="Bank transfer" />
          <Detail label="Account holder" value={destination.accountHolder} />
          <Detail label="IBAN" value={destination.ibanMasked} />
          <Detail label="BIC" value={destination.bic} />
        </dl>
      );
    case "other":
      return (
        <dl style={{ margin: 0 }}>
          <Detail label="Method" value="Other" />
          <Detail label="Their instructions" value={destination.instructions} />
        </dl>
      );
    case "summary":
      return (
        <dl style={{ margin: 0 }}>
          <Detail label="Method" value={SUMMARY_METHOD[destination.method]} />
          <Detail label="Details" value={destination.summary} />
        </dl>
      );
  }
}
