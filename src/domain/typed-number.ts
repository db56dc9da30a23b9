/**
 * A number as a person types it, once (decision 65): the report form, the project forms and the workbooks'
 * text cells all read typed numbers through this. Accepted: ASCII or full-width digits (０-９), grouping
 * commas in threes (`,` or full-width `，`), spaces around, a leading minus (so that the schema can say
 * 不能为负数 rather than 不是数字), and — only where the field allows decimals — one decimal point.
 * Refused, each with a message naming the field: exponents (`Number('1e3')` is 1000), hex, `Infinity`,
 * commas out of place, a decimal point in a whole-number field. Ranges are the contract's schemas' to judge.
 */

export type TypedNumber = { ok: true; value: number | null } | { ok: false; message: string }

export type TypedNumberRule = {
  /** The field's name as the form shows it, e.g. 当月完成投资. */
  label: string
  /** Whether a decimal point is allowed (形象进度 %); money in 万元 is whole. */
  decimal?: boolean
}

const GROUPED = /^\d{1,3}(,\d{3})+$/
const PLAIN = /^\d+$/

export function parseTypedNumber(text: string, { label, decimal = false }: TypedNumberRule): TypedNumber {
  // NFKC folds full-width digits, comma, point, minus and the ideographic space into ASCII.
  const folded = text.normalize('NFKC').trim()
  if (folded === '') return { ok: true, value: null }
  const kind = decimal ? '数字' : '整数'
  if (/^[-+]?[\d,.]*\d[\d,.]*[eE]/.test(folded)) return { ok: false, message: `${label}请填写${kind}，不要用科学计数法（如 1000，不要写 1e3）` }
  const sign = folded.startsWith('-') ? -1 : 1
  const unsigned = folded.replace(/^[-+]\s*/, '')
  const [whole = '', fraction, extra] = unsigned.split('.')
  if (extra !== undefined) return { ok: false, message: `${label}只能有一个小数点` }
  if (fraction !== undefined && !decimal) return { ok: false, message: `${label}请填写整数，不要带小数点` }
  if (fraction !== undefined && !PLAIN.test(fraction)) return { ok: false, message: `${label}应为数字，如 ${decimal ? '35.5' : '1200'}` }
  if (whole.includes(',') && !GROUPED.test(whole)) return { ok: false, message: `${label}的千位分隔符位置不对（应为 1,200 这样每三位一个逗号）` }
  if (!GROUPED.test(whole) && !PLAIN.test(whole)) return { ok: false, message: `${label}应为${kind}，如 ${decimal ? '35.5' : '1200'}` }
  const value = sign * Number(`${whole.replace(/,/g, '')}${fraction === undefined ? '' : `.${fraction}`}`)
  return { ok: true, value: Object.is(value, -0) ? 0 : value }
}
