// Charts of the Reports screen (Polaris Viz; see docs/decisions/0006-report-charts.md): revenue
// vs creator cost over time, and the top creators by revenue. Polaris Viz measures the DOM, so the
// charts render after hydration; the same figures are always in a table for screen readers and
// for the server-rendered page. Polaris Viz itself is imported lazily (./ReportChart): the page
// hydrates without it, and the fixed-height wrapper keeps the layout still while it arrives.
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { ChartDataTable } from "./ChartDataTable";
import { formatMoney, toDecimalString, type DisplayMinor } from "~/domain/money";
import type { ReportSeriesPoint } from "~/reports/read-report-series.server";
import { costMinor, type ReportSums } from "~/reports/report-definitions";

/**
 * A chart for sighted users: hidden from assistive technology (the table under it carries the
 * same figures) and kept out of the tab order, since Polaris Viz renders focusable parts.
 */
function DecorativeChart({ children }: { children: ReactNode }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const FOCUSABLE = "a, button, input, select, textarea, [tabindex]";
    const untabOne = (node: Element) => {
      if (node.matches(FOCUSABLE) && node.getAttribute("tabindex") !== "-1") node.setAttribute("tabindex", "-1");
    };
    const untab = (root: Element) => {
      untabOne(root);
      for (const node of root.querySelectorAll(FOCUSABLE)) untabOne(node);
    };
    untab(element);
    // Only what changed: the vitals bench's CPU profile showed re-querying the whole chart on every
    // mutation batch costing ≈ 100 ms of querySelectorAll when a new period redraws the charts.
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "attributes" && record.target instanceof Element) untabOne(record.target);
        for (const added of record.addedNodes) if (added instanceof Element) untab(added);
      }
    });
    observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={wrapper} aria-hidden="true" style={{ height: 260 }}>
      {children}
    </div>
  );
}

// Chart geometry only: the numbers people read come from formatMoney on exact minor units.
// A chart plots floats: the nearest number is enough for a bar's height (the table beside it is exact).
const major = (amountMinor: DisplayMinor, currency: string) => Number(toDecimalString({ amountMinor, currency }));

const ReportChart = lazy(() => import("./ReportChart"));

export function RevenueCostChart({
  series,
  currency,
  topRows,
}: {
  series: { unit: "day" | "month"; points: ReportSeriesPoint[] };
  currency: string;
  topRows: { key: string; name: string; sums: ReportSums }[];
}) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const money = (amountMinor: DisplayMinor) => formatMoney({ amountMinor, currency });
  const overTime = [
    { name: "Revenue", data: series.points.map((p) => ({ key: p.bucket, value: major(p.revenueMinor, currency) })) },
    { name: "Creator cost", data: series.points.map((p) => ({ key: p.bucket, value: major(p.costMinor, currency) })) },
  ];
  const top = [{ name: "Revenue", data: topRows.map((row) => ({ key: row.name, value: major(row.sums.revenueMinor, currency) })) }];
  return (
    <InlineGrid columns={{ xs: 1, md: topRows.length > 0 ? 2 : 1 }} gap="300">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {`Revenue vs creator cost by ${series.unit} (${currency})`}
          </Text>
          <DecorativeChart>
            {mounted && (
              <Suspense fallback={null}>
                <ReportChart kind="line" data={overTime} />
              </Suspense>
            )}
          </DecorativeChart>
          <details>
            <summary>Chart data as a table</summary>
            <ChartDataTable
              label={`Revenue and creator cost by ${series.unit}`}
              headings={[series.unit === "day" ? "Day" : "Month", "Revenue", "Creator cost"]}
              rows={series.points.map((p) => [p.bucket, money(p.revenueMinor), money(p.costMinor)])}
            />
          </details>
        </BlockStack>
      </Card>
      {topRows.length > 0 && (
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {`Top creators by revenue (${currency})`}
            </Text>
            <DecorativeChart>
              {mounted && (
                <Suspense fallback={null}>
                  <ReportChart kind="bar" data={top} />
                </Suspense>
              )}
            </DecorativeChart>
            <details>
              <summary>Chart data as a table</summary>
              <ChartDataTable
                label="Top creators by revenue"
                headings={["Creator", "Revenue", "Creator cost"]}
                rows={topRows.map((row) => [row.name, money(row.sums.revenueMinor), money(costMinor(row.sums))])}
              />
            </details>
          </BlockStack>
        </Card>
      )}
    </InlineGrid>
  );
}
