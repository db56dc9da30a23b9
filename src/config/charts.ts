/**
 * Where a page's first charts are on its first screen: at this width and wider (the overview's sit about
 * 600 px down). There the chart code loads beside the page's data; on a narrower screen each chart asks
 * for it when it comes near (decision 55). The browser reads it too, in the server's hint (decision 56).
 */
export const CHARTS_ON_FIRST_SCREEN_MEDIA = '(min-width: 64rem)'
