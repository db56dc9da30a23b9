import { count, gapText, money, moneyUnitFor, monthRange, percent, percentFigure, signedPoints, yiNumber, zhDate, zhDateTime } from '@/lib/format'

const MINUS = '\u2212'

describe('yiNumber: 万元 shown as 亿元 with two decimals, the way the report writes 277.08', () => {
  it('writes the FACTS §1 figures as the report does', () => {
    expect(yiNumber(2_770_800)).toBe('277.08')
    expect(yiNumber(1_244_000)).toBe('124.40')
    expect(yiNumber(659_800)).toBe('65.98')
  })

  it('groups thousands: 2391 亿元 is "2,391.00"', () => {
    expect(yiNumber(23_910_000)).toBe('2,391.00')
  })

  it('rounds half up on the exact 万元 figure', () => {
    expect(yiNumber(12_345)).toBe('1.23') // 1.2345 亿
    expect(yiNumber(12_350)).toBe('1.24') // 1.2350 亿
    expect(yiNumber(49)).toBe('0.00')
    expect(yiNumber(50)).toBe('0.01')
  })

  it('writes a negative figure (a 中期调整 cut) with its sign, and a rounded-away one as 0.00', () => {
    expect(yiNumber(-12_350)).toBe('-1.23') // −1.235 亿: the hundredths round half up, towards zero
    expect(yiNumber(-23_910_000)).toBe('-2,391.00')
    expect(yiNumber(-49)).toBe('0.00')
  })

  it('writes a dash, not "NaN", for a figure that is not a number', () => {
    expect(yiNumber(Number.NaN)).toBe('—')
    expect(yiNumber(Number.POSITIVE_INFINITY)).toBe('—')
  })

  it('writes what Intl.NumberFormat("zh-CN") writes for the same hundredths', () => {
    const intl = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    for (let wan = -3_000_000; wan <= 30_000_000; wan += 9_973) {
      expect(yiNumber(wan)).toBe(intl.format(Math.round(wan / 100) / 100).replace(/^-0\.00$/, '0.00'))
    }
  })
})

describe('money: amounts in the unit chosen for their group', () => {
  it('writes 亿元 with two decimals and 万元 as whole numbers', () => {
    expect(money(2_770_800, 'yi')).toBe('277.08亿元')
    expect(money(23_910_000, 'yi')).toBe('2,391.00亿元')
    expect(money(7_508, 'wan')).toBe('7,508万元')
    expect(money(0, 'wan')).toBe('0万元')
  })

  it('one unit for figures side by side: 亿元 only when every non-zero figure reaches 1 亿元', () => {
    expect(moneyUnitFor(2_770_800, 1_935_800, 23_910_000)).toBe('yi')
    expect(moneyUnitFor(36_800, 10_000, 0)).toBe('yi')
    // 3.68亿元 beside 7,508万元 was the bug: the group goes to 万元 together.
    expect(moneyUnitFor(36_800, 7_508)).toBe('wan')
    expect([36_800, 7_508].map((wan) => money(wan, moneyUnitFor(36_800, 7_508)))).toEqual(['36,800万元', '7,508万元'])
  })
})

describe('percent: rates as percentages', () => {
  it('writes a rate with two decimals by default', () => {
    expect(percent(0.68025)).toBe('68.03%')
    expect(percent(1.016)).toBe('101.60%')
    expect(percent(0.75)).toBe('75.00%')
    expect(percent(0)).toBe('0.00%')
  })

  it('always writes two decimals, so the same rate reads the same on every page', () => {
    expect(percent(0.7016)).toBe('70.16%')
    expect(percent(0.6845)).toBe('68.45%')
  })

  it('shows a dash, not 0% or NaN%, where there is no rate', () => {
    expect(percent(null)).toBe('—')
    expect(percent(Number.NaN)).toBe('—')
    expect(percent(Number.POSITIVE_INFINITY)).toBe('—')
  })
})

describe('percentFigure: 形象进度 stored as 0-100', () => {
  it('keeps whole numbers whole and other figures to one decimal', () => {
    expect(percentFigure(38)).toBe('38%')
    expect(percentFigure(50.9)).toBe('50.9%')
    expect(percentFigure(68.7)).toBe('68.7%')
    expect(percentFigure(null)).toBe('—')
  })
})

describe('gapText: the gap in the report’s words', () => {
  it('says above, below or on 序时进度 with 个百分点 to two decimals', () => {
    expect(gapText(6.8)).toBe('超过序时进度6.80个百分点')
    expect(gapText(1.2)).toBe('超过序时进度1.20个百分点')
    expect(gapText(-6.97)).toBe('低于序时进度6.97个百分点')
    expect(gapText(0)).toBe('达到序时进度')
    expect(gapText(null)).toBe('—')
  })
})

describe('signedPoints: gaps in tables', () => {
  it('uses a plus sign above pace and a true minus sign (U+2212) below', () => {
    expect(signedPoints(1.2)).toBe('+1.20')
    expect(signedPoints(-6.97)).toBe(`${MINUS}6.97`)
    expect(signedPoints(-6.97)).not.toContain('-')
    expect(signedPoints(-6.97).codePointAt(0)).toBe(0x2212)
  })

  it('writes zero as ±0.00 and a missing gap as a dash', () => {
    expect(signedPoints(0)).toBe('±0.00')
    expect(signedPoints(null)).toBe('—')
  })
})

describe('monthRange: the reporting period', () => {
  it('is "1-N月" from February on and just "1月" in January', () => {
    expect(monthRange(9)).toBe('1-9月')
    expect(monthRange(12)).toBe('1-12月')
    expect(monthRange(2)).toBe('1-2月')
    expect(monthRange(1)).toBe('1月')
  })
})

describe('zhDate: ISO dates in Chinese', () => {
  it('drops leading zeros', () => {
    expect(zhDate('2024-09-30')).toBe('2024年9月30日')
    expect(zhDate('2024-02-04')).toBe('2024年2月4日')
  })

  it('shows a dash for a date not yet known', () => {
    expect(zhDate(null)).toBe('—')
    expect(zhDate('')).toBe('—')
  })
})

describe('count: counts as the report writes them ("132个")', () => {
  it('adds the measure word', () => {
    expect(count(132)).toBe('132个')
    expect(count(0)).toBe('0个')
    expect(count(8, '项')).toBe('8项')
    expect(count(1_234)).toBe('1,234个')
  })
})

describe('zhDateTime: instants in Beijing time, whatever the machine’s time zone', () => {
  it('writes date and 24-hour time', () => {
    expect(zhDateTime('2024-06-15T01:30:00.000Z')).toBe('2024年6月15日 09:30')
    expect(zhDateTime('2024-06-14T16:05:00Z')).toBe('2024年6月15日 00:05')
    expect(zhDateTime('2024-12-31T15:59:00Z')).toBe('2024年12月31日 23:59')
  })

  it('shows a dash for never or nonsense', () => {
    expect(zhDateTime(null)).toBe('—')
    expect(zhDateTime('not a date')).toBe('—')
  })
})
