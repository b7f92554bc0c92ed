// The Polaris Viz part of the Reports charts, on its own so the Reports route imports it lazily
// (RevenueCostChart.tsx): Polaris Viz and its d3 / react-spring dependencies are ≈ 110 KiB gzip,
// which the page would otherwise download and parse before it hydrates, although the charts only
// draw after hydration (they measure the DOM) and the same figures are in server-rendered tables.
import { BarChart, LineChart, PolarisVizProvider, type DataSeries } from "@shopify/polaris-viz";
import "@shopify/polaris-viz/build/esm/styles.css";

export default function ReportChart({ kind, data }: { kind: "line" | "bar"; data: DataSeries[] }) {
  return (
    <PolarisVizProvider>
      {kind === "line" ? (
        <LineChart data={data} isAnimated={false} theme="Light" />
      ) : (
        <BarChart data={data} direction="horizontal" isAnimated={false} theme="Light" showLegend={false} />
      )}
    </PolarisVizProvider>
  );
}
