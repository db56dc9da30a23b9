import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * Serious or critical axe violations (WCAG 2.1 A/AA) on the page as it is now, inside `include` when given, one line
 * each. axe runs in the page itself (`axe.run`, AxeBuilder's legacy mode) and returns only the violations: the
 * default runs each frame's part and then merges the parts in a new blank page, and returns every passing node too,
 * which took twice as long on a list of 132 rows (decision 85, part five). What that mode adds is cross-origin frames,
 * and our pages have none: the Content-Security-Policy (`default-src 'self'`) loads no other origin's frame, and the
 * check below fails if a frame from anywhere else ever appears.
 */
export async function axeProblems(page: Page, include?: string): Promise<string[]> {
  const origin = new URL(page.url()).origin
  const foreign = page.frames().filter((frame) => !['', 'about:blank'].includes(frame.url()) && new URL(frame.url()).origin !== origin)
  expect(foreign.map((frame) => frame.url()), 'a frame from another origin (axe runs in this page only)').toEqual([])
  // options() replaces all options, so it comes before withTags (which adds runOnly to them).
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true)
  const results = await (include ? builder.include(include) : builder).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) — ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}
