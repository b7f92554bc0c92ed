// One axe check for every browser test: the serious and critical violations of a page (or of the
// part `include` selects), each as "label: rule: help (targets)" so a failure says where to look.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export async function seriousAxeViolations(page: Page, options: { label?: string; include?: string } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (options.include) builder = builder.include(options.include);
  const { violations } = await builder.analyze();
  const prefix = options.label ? `${options.label}: ` : "";
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${prefix}${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
