import { DataTable, type DataTableProps } from "@shopify/polaris";
import { useEffect, useRef } from "react";

/**
 * Polaris' DataTable scrolls sideways on narrow screens but its scroll container cannot take
 * keyboard focus (axe: scrollable-region-focusable). Make it focusable and name it.
 */
export function AccessibleDataTable({ label, ...props }: DataTableProps & { label: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = wrapper.current?.querySelector<HTMLElement>(".Polaris-DataTable__ScrollContainer");
    if (container) {
      container.tabIndex = 0;
      container.setAttribute("role", "region");
      container.setAttribute("aria-label", label);
    }
  });
  return (
    <div ref={wrapper}>
      <DataTable {...props} />
    </div>
  );
}
