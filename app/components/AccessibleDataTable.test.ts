import { AppProvider, DataTable, type DataTableProps } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AccessibleDataTable } from "./AccessibleDataTable";

const render = (node: ReactNode) => renderToString(createElement(AppProvider, { i18n: en }, node));

// A report-like table: a text column, two sortable numeric ones sorted by the first, totals in the footer.
const REPORT: DataTableProps = {
  columnContentTypes: ["text", "numeric", "numeric", "text"],
  headings: ["Creator", "Revenue", "Cost", "Note"],
  rows: [
    ["Ava", "$10.00", "$1.00", "ok"],
    ["Ben", "$5.00", "$2.00", "late"],
  ],
  sortable: [false, true, true, false],
  initialSortColumnIndex: 1,
  defaultSortDirection: "descending",
  totals: ["", "$15.00", "$3.00", ""],
  showTotalsInFooter: true,
  footerContent: "Page 1 of 2",
};

/** Each header or body cell's tag, scope and classes, in document order. */
function cells(html: string) {
  return [...html.matchAll(/<(th|td)\b([^>]*)>/g)].map(([, tag, attributes]) => ({
    tag,
    scope: /scope="(\w+)"/.exec(attributes)?.[1],
    className: /class="([^"]*)"/.exec(attributes)?.[1],
  }));
}

/** The opening tag of the header cell whose text (after any visually hidden label) is `heading`. */
function headerCell(html: string, heading: string) {
  const match = new RegExp(`<th data-polaris-header-cell[^>]*>(?:(?!</th>).)*?${heading}(?:</button>)?</th>`).exec(html);
  expect(match, `a header cell for ${heading}`).not.toBeNull();
  return match![0];
}

describe("AccessibleDataTable", () => {
  const html = render(createElement(AccessibleDataTable, { label: "Report by creator", ...REPORT }));

  it("draws every cell with the tag, scope and classes Polaris' DataTable gives it, so its stylesheet applies", () => {
    const polaris = render(createElement(DataTable, REPORT));
    expect(cells(html)).toEqual(cells(polaris));
    expect(cells(html).length).toBe(4 + 2 * 4 + 4);
    for (const wrapper of [
      "Polaris-DataTable Polaris-DataTable__ShowTotals Polaris-DataTable__ShowTotalsInFooter",
      "Polaris-DataTable__Table",
    ]) {
      expect(html).toContain(`class="${wrapper}"`);
    }
    expect(html).toContain('<div class="Polaris-DataTable__Footer">Page 1 of 2</div>');
  });

  it("serves its hover rule as the browser will parse it (React escapes a <style>'s text on the server)", () => {
    const style = /<style>(.*?)<\/style>/.exec(html)?.[1];
    expect(style).toContain(":hover");
    expect(style).not.toMatch(/&/);
  });

  it("names the scroll region and lets it take keyboard focus in the server's HTML", () => {
    expect(html).toMatch(/<div class="Polaris-DataTable__ScrollContainer" role="region" aria-label="Report by creator" tabindex="0">/);
  });

  it("marks the sorted column with aria-sort and gives each sortable heading a button that says the direction a click sorts by", () => {
    const revenue = headerCell(html, "Revenue");
    expect(revenue).toContain('aria-sort="descending"');
    expect(revenue).toMatch(/<button type="button" class="Polaris-DataTable__Heading">.*sort ascending by<\/span>.*Revenue<\/button>/);
    const cost = headerCell(html, "Cost");
    expect(cost).toContain('aria-sort="none"');
    expect(cost).toMatch(/sort descending by<\/span>.*Cost<\/button>/);
    // Not sortable: no button and no aria-sort.
    for (const heading of ["Creator", "Note"]) {
      expect(headerCell(html, heading)).not.toMatch(/<button|aria-sort/);
    }
  });

  it("puts the totals row in the footer with a row header, right-aligning the numeric totals", () => {
    const footer = /<tfoot>(.*)<\/tfoot>/.exec(html)?.[1];
    expect(footer).toBeDefined();
    expect(footer).toMatch(/^<tr><th scope="row" class="[^"]*Polaris-DataTable__Cell--total[^"]*">Totals<\/th>/);
    expect(footer).toContain(
      '<td class="Polaris-DataTable__Cell Polaris-DataTable__Cell--verticalAlignTop Polaris-DataTable__Cell--total Polaris-DataTable--cellTotalFooter Polaris-DataTable__Cell--numeric">$15.00</td>',
    );
    // An empty total is an empty cell, not a right-aligned one.
    expect(footer).toMatch(/<td class="[^"]*cellTotalFooter">\s*<\/td><\/tr>$/);
    expect(
      render(
        createElement(AccessibleDataTable, {
          label: "t",
          ...REPORT,
          totals: ["", "$15.00", "", ""],
          totalsName: { singular: "Sum", plural: "Sums" },
        }),
      ),
    ).toContain(">Sum</th>");
  });

  it("right-aligns numeric columns only, and heads each row with its first cell", () => {
    const body = /<tbody>(.*)<\/tbody>/.exec(html)![1];
    expect(body).toContain(
      '<th scope="row" class="Polaris-DataTable__Cell Polaris-DataTable__Cell--verticalAlignTop Polaris-DataTable__Cell--firstColumn">Ava</th>',
    );
    expect(body).toContain(
      '<td class="Polaris-DataTable__Cell Polaris-DataTable__Cell--verticalAlignTop Polaris-DataTable__Cell--numeric">$10.00</td>',
    );
    expect(body).toContain('<td class="Polaris-DataTable__Cell Polaris-DataTable__Cell--verticalAlignTop">ok</td>');
  });
});
