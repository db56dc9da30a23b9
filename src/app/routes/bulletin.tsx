import { PageHeader } from '@/components/page-header'
import { useQuery } from '@tanstack/react-query'
import { BulletinIndex, BulletinPending, IssuedBulletin } from '@/features/bulletin/components/bulletin'
import { asOfParam, asOfSearch, calendarQuery, useAsOf, useViewMonth, useViewYear } from '@/lib/as-of'
import { bulletinPaths } from '@/contract/bulletins'
import { importPaths } from '@/contract/imports'
import { bulletinTitle } from '@/domain/bulletin'
import { env } from '@/config/env'
import { toSearch } from '@/lib/api-client'

/**
 * 进展情况通报: the bulletin of the month in view as it was issued (decision 64) — the latest published month by
 * default, any issued one from the list — or, for the staff, the month in progress as a draft. Printed on A4.
 */
export function Component() {
  const asOf = useAsOf()
  const view = useViewMonth()
  const planYear = useViewYear()
  const month = planYear && view ? asOfParam(planYear, view) : undefined
  const title = planYear && view ? bulletinTitle(planYear, view) : '进展情况通报'
  const download = toSearch(asOfSearch(asOf))
  // Which month's bulletin to show is not known until the calendar answers (a link without asOf): its place is kept.
  const calendarPending = useQuery(calendarQuery).isPending
  const monthUnknown = month === undefined && calendarPending
  return (
    <>
      <title>{`${title} · 南岸区重点项目进度监测`}</title>
      <PageHeader
        title={title}
        actions={
          <>
            {/* Word and Excel are made on the server: not in the demo build without one. */}
            {env.VITE_API_MODE !== 'mock' && (
              <>
                <a className="button" href={`${bulletinPaths.docx}${download}`} download>
                  下载 Word（.docx）
                </a>
                <a className="button" href={`${importPaths.exportBulletin}${download}`} download>
                  下载 Excel（.xlsx）
                </a>
              </>
            )}
            <button type="button" className="button" onClick={() => window.print()}>
              打印通报
            </button>
          </>
        }
      />
      {monthUnknown ? <BulletinPending /> : month && <IssuedBulletin month={month} />}
      {!monthUnknown && <BulletinIndex current={month} />}
    </>
  )
}
