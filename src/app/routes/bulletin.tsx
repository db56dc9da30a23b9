import { PageHeader } from '@/components/page-header'
import { Bulletin } from '@/features/bulletin/components/bulletin'
import OverdueProblems from '@/features/problems/components/overdue-problems'
import { asOfSearch, useAsOf, useViewMonth, useViewYear } from '@/lib/as-of'
import { importPaths } from '@/contract/imports'
import { env } from '@/config/env'
import { toSearch } from '@/lib/api-client'
import { monthRange } from '@/lib/format'

/** 进展情况通报: one page for the month's meeting, printed on A4 from the browser. */
export function Component() {
  const asOf = useAsOf()
  const view = useViewMonth()
  const planYear = useViewYear()
  const title = `重点项目${planYear ?? ''}年${view ? monthRange(view) : ''}进展情况通报`
  return (
    <>
      <title>{`${title} · 南岸区重点项目进度监测`}</title>
      <PageHeader
        title={title}
        subtitle="南岸区发展和改革委员会 · 总体情况、分类情况、片区排名、滞后与应开未开项目、未报送项目、需协调解决的问题"
        actions={
          <>
            {/* The workbook is made on the server: not in the demo build without one. */}
            {env.VITE_API_MODE !== 'mock' && (
              <a className="button" href={`${importPaths.exportBulletin}${toSearch(asOfSearch(asOf))}`} download>
                下载通报（.xlsx）
              </a>
            )}
            <button type="button" className="button" onClick={() => window.print()}>
              打印通报
            </button>
          </>
        }
      />
      <Bulletin asOf={asOf} />
      <div className="bulletin-list">
        <OverdueProblems asOf={asOf} />
      </div>
    </>
  )
}
