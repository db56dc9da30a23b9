import { describe, expect, it } from 'vitest'
import { parseTypedNumber } from '@/domain/typed-number'

const wan = (text: string) => parseTypedNumber(text, { label: '当月完成投资' })
const percent = (text: string) => parseTypedNumber(text, { label: '形象进度', decimal: true })

describe('parseTypedNumber: a number as a person types it (decision 65)', () => {
  it.each([
    ['1200', 1200],
    ['0', 0],
    ['  1200  ', 1200],
    ['1,200', 1200],
    ['1,234,567', 1234567],
    ['１２００', 1200],
    ['１，２００', 1200],
    ['1，200', 1200],
    ['\u30001200\u3000', 1200],
    ['-5', -5],
    ['－５', -5],
  ])('reads %j as %d', (text, value) => {
    expect(wan(text)).toEqual({ ok: true, value })
  })

  it('reads blank as nothing typed', () => {
    expect(wan('')).toEqual({ ok: true, value: null })
    expect(wan('   ')).toEqual({ ok: true, value: null })
  })

  it('refuses exponents, saying so, where Number() would have read 1000', () => {
    expect(Number('1e3')).toBe(1000)
    for (const text of ['1e3', '1E3', '1.5e3', '1,000e2', '１ｅ３', '-1e3']) {
      const read = wan(text)
      expect(read.ok, text).toBe(false)
      expect(read.ok ? '' : read.message).toBe('当月完成投资请填写整数，不要用科学计数法（如 1000，不要写 1e3）')
    }
    expect(percent('5e1')).toEqual({ ok: false, message: '形象进度请填写数字，不要用科学计数法（如 1000，不要写 1e3）' })
  })

  it.each(['0x10', '0b11', 'Infinity', '-Infinity', 'NaN', '12万', 'abc', '1 200', '1,20', '12,00', ',100', '1,,000', '--5', '+-5'])('refuses %j, naming the field', (text) => {
    const read = wan(text)
    expect(read.ok).toBe(false)
    expect(read.ok ? '' : read.message).toMatch(/^当月完成投资/)
  })

  it('allows one decimal point only where the field is not whole', () => {
    expect(wan('1200.5')).toEqual({ ok: false, message: '当月完成投资请填写整数，不要带小数点' })
    expect(wan('1200.0').ok).toBe(false)
    expect(percent('35.5')).toEqual({ ok: true, value: 35.5 })
    expect(percent('３５．５')).toEqual({ ok: true, value: 35.5 })
    expect(percent('100')).toEqual({ ok: true, value: 100 })
    expect(percent('1.2.3')).toEqual({ ok: false, message: '形象进度只能有一个小数点' })
    expect(percent('35.').ok).toBe(false)
    expect(percent('1,000.5')).toEqual({ ok: true, value: 1000.5 })
  })
})
