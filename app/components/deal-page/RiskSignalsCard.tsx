import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { loadCreatorRiskSignals } from "~/risk/load-risk-queue.server";

type Signals = Awaited<ReturnType<typeof loadCreatorRiskSignals>>;

const REVIEW_LABEL = { pending: "waiting for review", approved: "approved", rejected: "rejected" } as const;

/** The creator's risk signals (issue 17 §2): newest first, with each commission's review, and a link to the Risk page. */
export function RiskSignalsCard({ creatorId, signals }: { creatorId: string; signals: Signals }) {
  const waiting = signals.filter((s) => s.review === "pending").length;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Risk signals
          </Text>
          {waiting > 0 && <Link to={`/app/risk?creator=${encodeURIComponent(creatorId)}`}>Review on the Risk page</Link>}
        </InlineStack>
        {signals.length === 0 ? (
          <Text as="p" tone="subdued">
            No signals on this creator's orders.
          </Text>
        ) : (
          signals.map((s) => (
            <BlockStack key={s.id} gap="050">
              <InlineStack gap="200">
                <Badge tone={s.review === "pending" ? "critical" : undefined}>{`${s.label} · ${s.score}`}</Badge>
                <Text as="span" variant="bodySm" tone="subdued">
                  {`${s.orderName}${s.review ? ` · ${REVIEW_LABEL[s.review]}` : " · below the review level"}`}
                </Text>
              </InlineStack>
              <Text as="p" variant="bodySm">
                {s.sentence}
              </Text>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
