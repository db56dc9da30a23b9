/** Endpoint paths: the only place a URL of the API is spelt. */
export const apiPaths = {
  summary: '/api/summary',
  zones: '/api/zones',
  zone: (zoneId: string) => `/api/zones/${encodeURIComponent(zoneId)}`,
  projects: '/api/projects',
  project: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`,
  filterOptions: '/api/filter-options',
  calendar: '/api/calendar',
  forecast: '/api/forecast',
} as const

/** Route patterns of the same endpoints, for the mock handlers and the server's router. */
export const apiRoutes = {
  summary: '/api/summary',
  zones: '/api/zones',
  zone: '/api/zones/:zoneId',
  projects: '/api/projects',
  project: '/api/projects/:projectId',
  filterOptions: '/api/filter-options',
  calendar: '/api/calendar',
  forecast: '/api/forecast',
} as const
