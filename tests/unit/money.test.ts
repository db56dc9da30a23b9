import { createRandom } from '@/dataset/random'
import { WAN_PER_YI, allocateExactly, groupThousands, yiToWan } from '@/domain/money'

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

describe('yiToWan: the report’s 亿元 figures as integer 万元', () => {
  it('turns the FACTS §1 figures into exact 万元 despite floating point', () => {
    expect(WAN_PER_YI).toBe(10_000)
    expect(yiToWan(277.08)).toBe(2_770_800)
    expect(yiToWan(2391)).toBe(23_910_000)
    expect(yiToWan(124.4)).toBe(1_244_000)
    expect(yiToWan(85.7)).toBe(857_000)
    expect(yiToWan(1)).toBe(10_000)
    expect(yiToWan(65.98)).toBe(659_800)
  })

  it('the four investment groups of the report add up to the annual plan', () => {
    expect(yiToWan(124.4) + yiToWan(85.7) + yiToWan(1) + yiToWan(65.98)).toBe(yiToWan(277.08))
  })
})

describe('allocateExactly: breaking a sourced total into integer parts', () => {
  it('splits proportionally when the shares are whole numbers', () => {
    expect(allocateExactly(100, [1, 1, 2])).toEqual([25, 25, 50])
    expect(allocateExactly(2_770_800, [1, 1])).toEqual([1_385_400, 1_385_400])
  })

  it('gives leftover units to the largest remainders, earliest first on a tie', () => {
    // 10 over three equal weights: 3.33 each → one extra unit, to the first.
    expect(allocateExactly(10, [1, 1, 1])).toEqual([4, 3, 3])
    // 7 × [0.5, 0.3, 0.2] = 3.5, 2.1, 1.4 → floors 3, 2, 1 → one left, to the .5.
    expect(allocateExactly(7, [5, 3, 2])).toEqual([4, 2, 1])
    // 5 × [1, 2] / 3 = 1.67, 3.33 → floors 1, 3 → the unit goes to the .67.
    expect(allocateExactly(5, [1, 2])).toEqual([2, 3])
  })

  it('adds up exactly for many random totals and weights, each part within one unit of its share', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = createRandom(seed)
      const total = rng.chance(0.1) ? 0 : rng.int(0, 30_000_000)
      const weights = Array.from({ length: rng.int(1, 40) }, () => (rng.chance(0.2) ? 0 : rng.between(0.001, 500)))
      const parts = allocateExactly(total, weights)
      const weightSum = sum(weights)

      expect(parts).toHaveLength(weights.length)
      expect(sum(parts)).toBe(total)
      for (const [i, part] of parts.entries()) {
        expect(Number.isInteger(part)).toBe(true)
        expect(part).toBeGreaterThanOrEqual(0)
        if (weightSum > 0) {
          const share = (total * weights[i]!) / weightSum
          expect(Math.abs(part - share)).toBeLessThan(1)
          if (weights[i] === 0) expect(part).toBe(0)
        }
      }
    }
  })

  it('never hands a unit to a zero weight while others have weight', () => {
    expect(allocateExactly(3, [0, 1, 1])).toEqual([0, 2, 1])
    expect(allocateExactly(999, [0, 0, 7, 0])).toEqual([0, 0, 999, 0])
  })

  it('puts the whole total on the first part when every weight is zero, so nothing is lost', () => {
    expect(allocateExactly(500, [0, 0, 0])).toEqual([500, 0, 0])
    expect(allocateExactly(0, [0, 0])).toEqual([0, 0])
  })

  it('allocates nothing over no weights, but refuses to lose a non-zero total', () => {
    expect(allocateExactly(0, [])).toEqual([])
    expect(() => allocateExactly(1, [])).toThrow()
  })

  it('rejects totals that are not whole, non-negative 万元', () => {
    expect(() => allocateExactly(10.5, [1, 1])).toThrow(/integer/)
    expect(() => allocateExactly(-1, [1, 1])).toThrow(/non-negative/)
    expect(() => allocateExactly(Number.NaN, [1])).toThrow()
    expect(() => allocateExactly(Number.POSITIVE_INFINITY, [1])).toThrow()
  })

  it('is the same on every call (no hidden randomness)', () => {
    const weights = [3.7, 1.2, 9.9, 0, 4.4]
    expect(allocateExactly(123_457, weights)).toEqual(allocateExactly(123_457, weights))
  })
})

describe('groupThousands: whole numbers with the zh-CN thousands comma', () => {
  it('groups every three digits from the right', () => {
    expect(groupThousands(0)).toBe('0')
    expect(groupThousands(999)).toBe('999')
    expect(groupThousands(1_000)).toBe('1,000')
    expect(groupThousands(2_770_800)).toBe('2,770,800')
    expect(groupThousands(23_910_000)).toBe('23,910,000')
    expect(groupThousands(-1_234)).toBe('-1,234')
    expect(groupThousands(1e21)).toBe('1,000,000,000,000,000,000,000')
  })

  it('rounds a fraction half away from zero, and never writes "-0"', () => {
    expect(groupThousands(1_234.5)).toBe('1,235')
    expect(groupThousands(-1_234.5)).toBe('-1,235')
    expect(groupThousands(-0.4)).toBe('0')
  })

  it('writes what Intl.NumberFormat("zh-CN") writes, for thousands of figures', () => {
    const intl = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })
    const { next: random } = createRandom(20241)
    for (let i = 0; i < 5_000; i++) {
      const n = Math.round((random() - 0.3) * 10 ** Math.floor(random() * 12))
      expect(groupThousands(n)).toBe(intl.format(n).replace(/^-0$/, '0'))
    }
  })
})
