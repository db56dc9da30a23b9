import { afterSignIn } from '@/features/auth/next-path'

describe('afterSignIn: where sign-in leads', () => {
  it('follows a path of this site, with its query and hash', () => {
    expect(afterSignIn('/projects?zone=nanping', 'staff')).toBe('/projects?zone=nanping')
    expect(afterSignIn('/zones/gy-bay#top', 'leader')).toBe('/zones/gy-bay#top')
  })

  it.each([
    ['another host', '//evil.example/x'],
    ['a host hidden behind dot segments', '/..//evil.example/x'],
    ['a backslash trick', '/\\evil.example'],
    ['a scheme', 'https://evil.example/'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'projects'],
    ['a control character', '/projects\n'],
    ['a loop back to sign-in', '/login?next=/'],
  ])('ignores %s and goes home', (_label, next) => {
    expect(afterSignIn(next, 'leader')).toBe('/')
    expect(afterSignIn(next, 'staff')).toBe('/todo')
  })

  it('takes each role home by default: owner units and staff to their 待办, an admin to 账户管理', () => {
    expect(afterSignIn(null, 'reviewer')).toBe('/')
    expect(afterSignIn(null, 'leader')).toBe('/')
    expect(afterSignIn(null, 'owner')).toBe('/todo')
    expect(afterSignIn(null, 'staff')).toBe('/todo')
    // Sent to sign in from the bare home page: that is no choice of the person's, so the role's home.
    expect(afterSignIn('/', 'owner')).toBe('/todo')
    expect(afterSignIn('/', 'leader')).toBe('/')
    expect(afterSignIn(null, 'admin')).toBe('/admin/accounts')
    expect(afterSignIn('//evil.example', 'admin')).toBe('/admin/accounts')
  })
})
