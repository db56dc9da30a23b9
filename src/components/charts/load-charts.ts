import { CHARTS_ON_FIRST_SCREEN_MEDIA } from '@/config/charts'

/** The Recharts module, loaded once: by a chart when it is drawn, or earlier by a page that will draw one. */
export const loadCharts = () => import('./charts')

/** Start loading the chart code without waiting for it (a failure shows when a chart asks for its turn). */
export const prefetchCharts = () => void loadCharts().catch(() => undefined)

/**
 * Whether a page's first charts are on its first screen: on a wide screen they are (the overview's sit
 * about 600 px down), so their code loads beside the page's data. On a phone the first screen is figures
 * and text, and the chart code (the largest file, 120 kB) would only compete with them for the connection:
 * there each chart asks for it when it comes within a screen of view (decision 55).
 */
export const chartsOnFirstScreen = () => typeof matchMedia === 'function' && matchMedia(CHARTS_ON_FIRST_SCREEN_MEDIA).matches

/** How far ahead of the screen a chart asks for the chart code (one screen), and is drawn (on screen). */
export const CHART_CODE_MARGIN = '100% 0px'
