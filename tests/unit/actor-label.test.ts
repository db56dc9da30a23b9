import { accountUnit, actorLabel } from '@/domain/accounts'

// 操作人 in the audit log: the person and their unit, the login name beside; the login name alone when nothing more is known.

describe('who made an audit entry', () => {
  it('is the person with their unit, and the account beside', () => {
    expect(actorLabel({ actor: 'zhangsan', actorName: '张三', actorUnit: '区发改委' })).toEqual({ name: '张三（区发改委）', account: 'zhangsan' })
  })
  it('is the person alone when the account has no unit', () => {
    expect(actorLabel({ actor: 'zhangsan', actorName: '张三', actorUnit: null })).toEqual({ name: '张三', account: 'zhangsan' })
  })
  it('falls back to the login name for an account no longer there', () => {
    expect(actorLabel({ actor: 'gone', actorName: null, actorUnit: null })).toEqual({ name: 'gone', account: null })
  })
  it('is a dash when nobody was signed in (a failed sign-in)', () => {
    expect(actorLabel({ actor: null, actorName: null, actorUnit: null })).toEqual({ name: '—', account: null })
  })
})

describe('the unit an account acts for', () => {
  it('is an owner account’s 业主单位, else its 所在单位', () => {
    expect(accountUnit({ ownerUnit: '区城投集团', unit: null })).toBe('区城投集团')
    expect(accountUnit({ ownerUnit: null, unit: '区发改委' })).toBe('区发改委')
    expect(accountUnit({ ownerUnit: null, unit: null })).toBeNull()
  })
})
