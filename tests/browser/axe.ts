/**
 * Accessibility checks with axe-core, run inside the page under test. axe comes from node_modules
 * (a dev dependency): nothing is downloaded. Any browser test may call
 * `await expectNoAxeViolations(page, 'values, fr')` once the view it wants checked has rendered.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, Result, RunOptions } from 'axe-core'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/**
 * WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, heading order, unique
 * names…). `label-content-name-mismatch` (WCAG 2.5.3, a visible label must be part of the
 * accessible name, so speech users can say what they see) is tagged experimental in axe: turned on
 * by name.
 */
export const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  rules: {
    'label-content-name-mismatch': { enabled: true },
  },
  resultTypes: ['violations'],
}

/** Loads axe into the page once. The page's CSP allows no inline script: evaluated over the debugging protocol instead. */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object')) return
  await page.evaluate(`${AXE_SOURCE}\n;void 0`)
}

/** Runs axe on the whole page (or `include`, a CSS selector) and returns its violations. */
export async function axeViolations(page: Page, include?: string): Promise<Result[]> {
  await injectAxe(page)
  // Colours are read as painted: let running transitions (a button just pressed) end first.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))))
  const results = await page.evaluate(async ({ options, include }) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe
    return axe.run(include ? { include: [include] } : document, options)
  }, { options: AXE_OPTIONS, include })
  return results.violations
}

/** One readable line per violation and element: rule, impact, what it means, where, and axe's hint. */
export function formatViolations(violations: Result[]): string {
  return violations.map((violation) => {
    const nodes = violation.nodes.map((node) => {
      const hint = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim()
      return `    at ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${hint}`
    }).join('\n')
    return `  ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n${nodes}`
  }).join('\n')
}

/** Fails with the list of violations, if any, naming the view (`label`) it was checking. */
export async function expectNoAxeViolations(page: Page, label: string, include?: string): Promise<void> {
  const violations = await axeViolations(page, include)
  if (violations.length > 0) {
    throw new Error(`axe: ${violations.length} accessibility violation${violations.length === 1 ? '' : 's'} on ${label}:\n${formatViolations(violations)}`)
  }
}
