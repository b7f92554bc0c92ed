import { Form } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, List, ProgressBar, Text } from "@shopify/polaris";
import { IMPORT_STALE_AFTER_MINUTES } from "~/imports/creator-import-heartbeat";
import { formatMoney } from "~/domain/money";
import type { CreatorImportView } from "~/imports/read-creator-imports.server";

const STATUS_LABEL = { running: "Importing", completed: "Imported", failed: "Failed" } as const;
const STATUS_TONE = { running: "info", completed: "success", failed: "critical" } as const;

/** One import's progress (the page refreshes while it runs) and, once done, what it did. */
export function ImportProgressCard({ job }: { job: CreatorImportView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {`Import of ${job.fileName} `}
          <Badge tone={STATUS_TONE[job.status]}>{STATUS_LABEL[job.status]}</Badge>
        </Text>
        <ProgressBar progress={job.progress} tone={job.status === "failed" ? "critical" : "primary"} animated={job.status === "running"} />
        <Text as="p" tone="subdued">
          {`${job.progress}% · ${job.doneRows} of ${job.totalRows} rows${job.status === "running" && !job.stale ? " — this page refreshes by itself." : "."}`}
        </Text>
        {job.stale && (
          <Banner tone="warning" title="This import stopped">
            <BlockStack gap="200">
              <p>{`The worker importing this file has not reported progress for over ${IMPORT_STALE_AFTER_MINUTES} minutes. Nothing from this file was saved yet: an import is saved all at once. Resume it to import the file again; rows already in your creators are left unchanged.`}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="resume" />
                <input type="hidden" name="importId" value={job.id} />
                <Button submit>Resume import</Button>
              </Form>
            </BlockStack>
          </Banner>
        )}
        {job.status === "failed" && (
          <Banner tone="critical" title="Nothing was imported">
            {job.error ?? "Unknown error."}
          </Banner>
        )}
        {job.counts && (
          <List type="bullet">
            <List.Item>{`New creators: ${job.counts.create}`}</List.Item>
            <List.Item>{`Updated: ${job.counts.update}`}</List.Item>
            <List.Item>{`Unchanged: ${job.counts.unchanged}`}</List.Item>
            {job.openingBalances.map((b) => (
              <List.Item key={b.currency}>
                {`Opening balances ${b.currency}: ${b.count}, ${formatMoney({ amountMinor: b.totalMinor, currency: b.currency })}`}
              </List.Item>
            ))}
          </List>
        )}
      </BlockStack>
    </Card>
  );
}
