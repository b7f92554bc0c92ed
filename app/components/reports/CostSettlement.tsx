import { BlockStack, Card, Text } from "@shopify/polaris";
import { formatMoney, type DisplayMinor } from "~/domain/money";
import { costSettlement, REPORT_DEFINITIONS, type CurrencyAmount } from "~/reports/report-definitions";

/** "Of the creator cost: X paid · Y owed", with the definitions as help text. */
export function CostSettlement({ costMinor, paid, currency }: { costMinor: DisplayMinor; paid: CurrencyAmount[]; currency: string }) {
  const { paidMinor, owedMinor } = costSettlement(costMinor, paid, currency);
  const otherPaid = paid.filter((p) => p.currency !== currency);
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p">
          {`Of the creator cost in ${currency}: ${formatMoney({ amountMinor: paidMinor, currency })} ${REPORT_DEFINITIONS.costPaid.label.toLowerCase()} · ${formatMoney({ amountMinor: owedMinor, currency })} ${REPORT_DEFINITIONS.costOwed.label.toLowerCase()}`}
          {otherPaid.length > 0 && ` (paid in other currencies: ${otherPaid.map((p) => formatMoney(p)).join(" · ")})`}
        </Text>
        <Text as="p" tone="subdued" variant="bodySm">
          {`${REPORT_DEFINITIONS.costPaid.help} ${REPORT_DEFINITIONS.costOwed.help}`}
        </Text>
      </BlockStack>
    </Card>
  );
}
