/**
 * Where a page's first charts are on its first screen: at this width and wider (the overview's sit about
 * 600 px down). There the chart code loads beside the page's data; on a narrower screen each chart asks
 * for it when it comes near (decision 55). The browser reads it too, in the server's hint (decision 56).
 */
export const CHARTS_ON_FIRST_SCREEN_MEDIA = '(min-width: 64rem)'

/**
 * A chart figure's width in the layout, in CSS pixels: on a screen 1440 px wide or wider (where the layout
 * stops growing) and on a 390 px phone. The server draws a page's charts at one of them, by the kind of
 * device that asks (decision 57); tests/e2e/server-render.spec.ts measures both in the browser.
 */
export const FIGURE_WIDTH_PX = { wide: 634, phone: 340 } as const
