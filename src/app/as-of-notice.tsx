import { useSearchParams } from 'react-router'
import { isListedYear, monthOfAsOf, useAsOf, useCalendar, useViewYear, useViewYearLatestMonth, validAsOf, yearOfAsOf } from '@/lib/as-of'
import { useDroppedParams } from '@/lib/dropped-params'

/** The URL's `asOf` when it cannot be used (reported once, then dropped from the URL). */
function useInvalidAsOf(): string | undefined {
  const [params] = useSearchParams()
  const calendar = useCalendar()
  const raw = params.get('asOf')
  if (raw === null || raw === '') return undefined
  const valid = validAsOf(raw)
  return valid === undefined || (calendar !== undefined && !isListedYear(calendar, yearOfAsOf(valid))) ? raw : undefined
}

/**
 * What the as-of month of a link means: an unusable one (not a month of the plan year, or not begun) is
 * dropped from the URL with a notice; one after the latest approved month is shown, with what that means.
 */
export default function AsOfNotice() {
  const invalid = useInvalidAsOf()
  const dropped = useDroppedParams(invalid === undefined ? [] : [{ key: 'asOf', value: invalid }], ['asOf'])
  const asOf = useAsOf()
  const explicit = asOf === undefined ? undefined : monthOfAsOf(asOf)
  const latest = useViewYearLatestMonth()
  const openYear = useCalendar()?.planYear
  const viewYear = useViewYear()
  if (dropped.length > 0) {
    return (
      <p className="notice" role="status">
        链接中的截至月份“{dropped.map((d) => d.value).join('、')}”无效、不在本系统的计划年度或尚未开始，已改为显示最新已审核月份。
      </p>
    )
  }
  if (viewYear !== undefined && openYear !== undefined && viewYear < openYear) {
    return (
      <p className="notice" role="status">
        正在查看已结束的 {viewYear} 年度（按该年度的清单和计划，只能查看）；当前报送的是 {openYear} 年度。
      </p>
    )
  }
  if (explicit !== undefined && latest !== undefined && explicit > latest) {
    return (
      <p className="notice notice-warn" role="note">
        截至{explicit}月晚于最新已审核月份（{latest}月）：{latest + 1}月起尚未审核通过的月报不计入，这些月份未审核的项目显示为未报送。
      </p>
    )
  }
  return null
}

