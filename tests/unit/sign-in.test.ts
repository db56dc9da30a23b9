import { SIGN_IN_MESSAGES, signInOutcome } from '@/domain/access'

// What a refused sign-in is told: a disabled account learns it is disabled only with its right password.

describe('the answer to a sign-in', () => {
  const active = { username: 'staff', disabled: false }
  const disabled = { username: 'gone', disabled: true }

  it('admits an enabled account with its password', () => {
    expect(signInOutcome(active, true)).toEqual({ ok: true, account: active })
  })

  it('tells a disabled account it is disabled, when the password is right', () => {
    expect(signInOutcome(disabled, true)).toEqual({
      ok: false,
      status: 403,
      code: 'account_disabled',
      message: '该账户已停用，请联系管理员',
      audit: { target: 'gone', reason: '账户已停用' },
    })
  })

  it('gives a wrong password, an unknown name and a disabled account with a wrong password one answer', () => {
    const answers = [signInOutcome(active, false), signInOutcome(null, false), signInOutcome(disabled, false)]
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, status: 401, code: 'invalid_credentials', message: SIGN_IN_MESSAGES.invalid })
    expect(SIGN_IN_MESSAGES.invalid).toBe('用户名或密码错误')
    // The log says why; it never holds an unknown name (people type passwords into the name field).
    expect(answers.map((a) => (a.ok ? null : a.audit))).toEqual([
      { target: 'staff', reason: '密码错误' },
      { target: null, reason: '未知用户名' },
      { target: 'gone', reason: '密码错误（账户已停用）' },
    ])
  })
})
