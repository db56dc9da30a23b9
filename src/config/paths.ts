import { toSearch, type QueryParams } from '@/lib/api-client'

/** Every page's route pattern and link builder; links never spell a URL by hand. */
export const paths = {
  home: { path: '/', getHref: (search?: QueryParams) => `/${toSearch(search)}` },
  zones: { path: '/zones', getHref: (search?: QueryParams) => `/zones${toSearch(search)}` },
  zone: {
    path: '/zones/:zoneId',
    getHref: (zoneId: string, search?: QueryParams) => `/zones/${encodeURIComponent(zoneId)}${toSearch(search)}`,
  },
  projects: { path: '/projects', getHref: (search?: QueryParams) => `/projects${toSearch(search)}` },
  project: {
    path: '/projects/:projectId',
    getHref: (projectId: string, search?: QueryParams) => `/projects/${encodeURIComponent(projectId)}${toSearch(search)}`,
  },
  delayed: { path: '/delayed', getHref: (search?: QueryParams) => `/delayed${toSearch(search)}` },
  /** 月报: one month's reporting (`month=YYYY-MM`; default the month being collected). */
  reports: { path: '/reports', getHref: (search?: QueryParams) => `/reports${toSearch(search)}` },
  /** 修改记录 across the system, filtered (`action`, `actor`, `projectId`, `month`). */
  history: { path: '/history', getHref: (search?: QueryParams) => `/history${toSearch(search)}` },
  /** 进展情况通报: the month's bulletin for the meeting (`asOf`). */
  bulletin: { path: '/bulletin', getHref: (search?: QueryParams) => `/bulletin${toSearch(search)}` },
  /** 导入项目台账 (staff). */
  importLedger: { path: '/import', getHref: () => '/import' },
  /** 待办: what this account must do now (owner units and staff; their landing page after sign-in). */
  todo: { path: '/todo', getHref: () => '/todo' },
  /** 通知: this account's notices. */
  notifications: { path: '/notifications', getHref: () => '/notifications' },
  help: { path: '/help', getHref: (search?: QueryParams) => `/help${toSearch(search)}` },
  /** Sign-in; `next` is where to go afterwards (a path of this site). */
  login: { path: '/login', getHref: (next?: string) => `/login${toSearch({ next })}` },
  /** 修改密码: the signed-in user's own password. */
  accountPassword: { path: '/account/password', getHref: () => '/account/password' },
  adminAccounts: { path: '/admin/accounts', getHref: (search?: QueryParams) => `/admin/accounts${toSearch(search)}` },
} as const
