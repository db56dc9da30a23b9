/** 1 亿元 = 10,000 万元. Money is held as integer 万元 everywhere but in display text. */
export const WAN_PER_YI = 10_000

/**
 * A whole number with its thousands grouped the zh-CN way: 2770800 → "2,770,800", −1234 → "-1,234";
 * a fraction is rounded half away from zero first. Plain string work rather than Intl.NumberFormat:
 * building a zh-CN formatter loads the locale's data, which took a 4×-slowed phone 130 ms of the first
 * page's start-up (decision 55), and the figures here need nothing locale-specific beyond the comma.
 */
export function groupThousands(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const whole = Math.round(Math.abs(n))
  // From 1e21 String() writes an exponent; BigInt writes every digit.
  const digits = whole < 1e21 ? String(whole) : BigInt(whole).toString()
  let text = ''
  for (let end = digits.length; end > 0; end -= 3) text = digits.slice(Math.max(0, end - 3), end) + (text ? `,${text}` : '')
  return n < 0 && whole !== 0 ? `-${text}` : text
}

/** 亿元 figure from the report → integer 万元 (277.08 → 2,770,800). */
export function yiToWan(yi: number): number {
  return Math.round(yi * WAN_PER_YI)
}

/**
 * Split an integer total into integer parts proportional to `weights` that add up to the total
 * exactly (largest remainder). Used wherever a sourced total is broken down.
 */
export function allocateExactly(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`total must be a non-negative integer, got ${total}`)
  const weightSum = weights.reduce((a, b) => a + b, 0)
  if (weights.length === 0) {
    if (total === 0) return []
    throw new Error('cannot allocate a non-zero total over no weights')
  }
  if (weightSum <= 0) {
    const parts = weights.map(() => 0)
    parts[0] = total
    return parts
  }
  const raw = weights.map((w) => (total * w) / weightSum)
  const parts = raw.map(Math.floor)
  let left = total - parts.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1
  return parts
}
