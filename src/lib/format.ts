import { WAN_PER_YI } from '@/domain/money'

/**
 * The one formatting module: 亿元/万元, percentages, 个百分点, 1-N月, zh-CN dates.
 * Inputs are exact integers of 万元; rounding happens here and nowhere else.
 */
const grouped = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const groupedInt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })

/** 2,770,800 万元 → "277.08" (亿元, two decimals, rounded half up on exact integers). */
export function yiNumber(wan: number): string {
  const hundredths = Math.round(wan / (WAN_PER_YI / 100))
  return grouped.format(hundredths / 100)
}

/** "277.08亿元"; sums under 1 亿元 are shown in 万元 ("856万元") so small projects stay readable. */
export function money(wan: number): string {
  if (Math.abs(wan) < WAN_PER_YI) return `${groupedInt.format(wan)}万元`
  return `${yiNumber(wan)}亿元`
}

/** 0.68025 → "68.03%"; null → "—". */
export function percent(rate: number | null, digits = 2): string {
  if (rate === null || !Number.isFinite(rate)) return '—'
  return `${(rate * 100).toFixed(digits)}%`
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

/** "2024-09-30" → "2024年9月30日". */
export function zhDate(iso: string | null): string {
  if (!iso) return '—'
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** 132 → "132个". */
export function count(n: number, unit = '个'): string {
  return `${groupedInt.format(n)}${unit}`
}

const zhDateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant in Beijing time: "2024-06-15T01:30:00Z" → "2024年6月15日 09:30"; null → "—". */
export function zhDateTime(iso: string | null): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  const part = Object.fromEntries(zhDateTimeParts.formatToParts(date).map((p) => [p.type, p.value]))
  return `${part.year}年${Number(part.month)}月${Number(part.day)}日 ${part.hour}:${part.minute}`
}
