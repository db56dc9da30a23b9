import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

/** Every page, at desktop and phone width, has no serious or critical axe violations (WCAG 2.1 A/AA). */
const PAGES = ['/', '/zones', '/zones/nanping', '/projects', '/projects/P044', '/delayed', '/help', '/nowhere']

for (const width of [1440, 390]) {
  test(`pages pass axe at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 })
    const problems: string[] = []
    for (const path of PAGES) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      await expect(page.locator('main')).not.toBeEmpty()
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        problems.push(`${path}: ${v.id} (${v.impact}) — ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
      }
    }
    expect(problems, problems.join('\n')).toEqual([])
  })
}
