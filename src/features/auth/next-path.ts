import type { Role } from '@/contract'
import { paths } from '@/config/paths'
import { can } from '@/domain/access'

const BASE = 'https://this-site.invalid'

/**
 * Where to go after sign-in: the `next` of the link if it is a path of this site (starts with one "/",
 * no scheme, host, backslash or control character — never a way off the site), else the role's home.
 */
export function afterSignIn(next: string | null, role: Role): string {
  // Owner units and staff land on what they must do (待办); leaders and reviewers on the overview.
  const home = role === 'admin' ? paths.adminAccounts.getHref() : can(role, 'todo:read') ? paths.todo.getHref() : paths.home.getHref()
  // The bare home page as `next` is no choice of the person's (it is where any visit starts): the role's home instead.
  // eslint-disable-next-line no-control-regex
  if (!next || next === '/' || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return home
  try {
    const url = new URL(next, BASE)
    // After normalisation ("/..//evil.example") a path may begin with "//" and leave the site.
    if (url.origin !== BASE || url.pathname.startsWith('//') || url.pathname === paths.login.path) return home
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return home
  }
}
