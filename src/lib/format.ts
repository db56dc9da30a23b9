import { inChinaTime } from '@/domain/calendar'
import { WAN_PER_YI, groupThousands } from '@/domain/money'

/**
 * The one formatting module: 亿元/万元, percentages, 个百分点, 1-N月, zh-CN dates.
 * Inputs are exact integers of 万元; rounding happens here and nowhere else.
 */
/** 2,770,800 万元 → "277.08" (亿元, two decimals, rounded half up on exact integers). */
export function yiNumber(wan: number): string {
  if (!Number.isFinite(wan)) return '—'
  const hundredths = Math.round(wan / (WAN_PER_YI / 100))
  const size = Math.abs(hundredths)
  const sign = hundredths < 0 ? '-' : ''
  return `${sign}${groupThousands(Math.floor(size / 100))}.${String(size % 100).padStart(2, '0')}`
}

/** 9,611 万元 → "9,611" (万元, whole numbers: the unit of data, for 万元 columns). */
export function wanNumber(wan: number): string {
  return groupThousands(wan)
}

export type MoneyUnit = 'yi' | 'wan'

/**
 * The one rule for the unit of money: 亿元 when every figure that is read is at least 1 亿元 (or zero),
 * otherwise 万元 for all of them — so 3.68亿元 never stands beside 7,508万元 and a small figure never
 * shows as 0.00亿元. Which figures are read is the caller's: every one in a group of cards, one sentence
 * or a totals row (moneyUnitFor(a, b, c)); on a chart, the largest, which sets the scale (scaleUnitFor).
 */
export function moneyUnitFor(...wans: number[]): MoneyUnit {
  return wans.some((wan) => wan !== 0 && Math.abs(wan) < WAN_PER_YI) ? 'wan' : 'yi'
}

/**
 * A chart's one unit, by moneyUnitFor over its largest figure: 亿元 once that reaches 1 亿元, else 万元 (a
 * small project's bars stay visible). The smaller bars are drawn to that scale rather than read; their
 * exact figures are in the tooltip and in the table beside the chart.
 */
export function scaleUnitFor(wans: readonly number[]): MoneyUnit {
  return moneyUnitFor(wans.reduce((largest, wan) => Math.max(largest, Math.abs(wan)), 0))
}

/** A sum in the given unit: "277.08亿元" or "9,611万元". Pick the unit with moneyUnitFor for the whole group. */
export function money(wan: number, unit: MoneyUnit): string {
  return unit === 'wan' ? `${wanNumber(wan)}万元` : `${yiNumber(wan)}亿元`
}

/** 0.68025 → "68.03%"; null → "—". Always two decimals: the same rate reads the same on every page. */
export function percent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—'
  return `${(rate * 100).toFixed(2)}%`
}

/** A plain percentage figure (形象进度 is stored as 0-100). */
export function percentFigure(value: number | null): string {
  if (value === null) return '—'
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`
}

/** −6.97 → "低于序时进度6.97个百分点"; 1.2 → "超过序时进度1.20个百分点". */
export function gapText(gapPoints: number | null): string {
  if (gapPoints === null) return '—'
  if (gapPoints === 0) return '达到序时进度'
  const size = `${Math.abs(gapPoints).toFixed(2)}个百分点`
  return gapPoints > 0 ? `超过序时进度${size}` : `低于序时进度${size}`
}

/** Signed points: "+1.20" / "−6.97" (true minus sign, for tables). */
export function signedPoints(gapPoints: number | null): string {
  if (gapPoints === null) return '—'
  const sign = gapPoints > 0 ? '+' : gapPoints < 0 ? '−' : '±'
  return `${sign}${Math.abs(gapPoints).toFixed(2)}`
}

/** 9 → "1-9月"; 1 → "1月". */
export function monthRange(month: number): string {
  return month === 1 ? '1月' : `1-${month}月`
}

// Dates are written by the domain too (rule texts, audit values), so the formatter lives there.
export { zhDate, zhMonth } from '@/domain/calendar'

/** 132 → "132个". */
export function count(n: number, unit = '个'): string {
  return `${groupThousands(n)}${unit}`
}

/** An instant in Beijing time: "2024-06-15T01:30:00Z" → "2024年6月15日 09:30"; null → "—". */
export function zhDateTime(iso: string | null): string {
  if (!iso) return '—'
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return '—'
  const beijing = inChinaTime(instant)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日 ${two(beijing.getUTCHours())}:${two(beijing.getUTCMinutes())}`
}
