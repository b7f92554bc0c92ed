import { Form, useNavigation } from "@remix-run/react";
import { BlockStack, Button, InlineGrid, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { PERIOD_LABELS, PERIOD_PRESETS } from "~/reports/report-definitions";
import type { ReportRequest } from "~/reports/report-search-params";

/** The report's period (a preset or a custom range) and grouping, sent as the page's query. */
export function PeriodForm({ request }: { request: ReportRequest | null }) {
  const navigation = useNavigation();
  const [preset, setPreset] = useState<string>(request?.preset ?? "this_month");
  const [from, setFrom] = useState(request?.period.from ?? "");
  const [to, setTo] = useState(request?.period.to ?? "");
  const [groupBy, setGroupBy] = useState<string>(request?.groupBy ?? "creator");
  return (
    <Form method="get" aria-label="Report period and grouping">
      <BlockStack gap="300">
        <InlineGrid columns={{ xs: 1, md: preset === "custom" ? 4 : 2 }} gap="300">
          <Select
            label="Period"
            name="period"
            options={PERIOD_PRESETS.map((value) => ({ value, label: PERIOD_LABELS[value] }))}
            value={preset}
            onChange={setPreset}
          />
          {preset === "custom" && (
            <>
              <TextField label="From" name="from" type="date" value={from} onChange={setFrom} autoComplete="off" />
              <TextField label="To" name="to" type="date" value={to} onChange={setTo} autoComplete="off" />
            </>
          )}
          <Select
            label="Group by"
            name="groupBy"
            options={[
              { value: "creator", label: "Creator" },
              { value: "campaign", label: "Campaign" },
            ]}
            value={groupBy}
            onChange={setGroupBy}
          />
        </InlineGrid>
        {request?.campaignId && <input type="hidden" name="campaignId" value={request.campaignId} />}
        <InlineStack>
          <Button submit variant="primary" loading={navigation.state === "loading"}>
            Show report
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}
