/** The Recharts module, loaded once: by a chart when it is drawn, or earlier by a page that will draw one. */
export const loadCharts = () => import('./charts')
