import { useQuery } from '@tanstack/react-query'
import type { ProjectPhoto } from '@/contract/photos'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { PhotoGallery, type ShownPhoto } from '@/components/photo-viewer'
import { REPORT_STATUS_LABELS } from '@/domain/monthly-report'
import { zhMonth } from '@/lib/format'
import { photoQueries } from '../api/photos'

/** How many of the newest photos the project's first screen shows. */
export const LATEST_PHOTOS = 4

/** A timeline photo as the gallery shows it: 未审核 until its report is approved. */
const shown = (photo: ProjectPhoto): ShownPhoto => ({ ...photo, unreviewed: photo.reportStatus !== 'approved' })

/**
 * The newest photos on the project's first screen (a leader's phone included): a strip of small thumbnails that
 * open large, and 全部照片 to the timeline below. No photos: one short line.
 */
export function LatestPhotos({ projectId }: { projectId: string }) {
  const query = useQuery(photoQueries.ofProject(projectId))
  if (query.isPending) return <p className="latest-photos latest-photos-note">正在加载形象进度照片…</p>
  // The strip is a glance: a failure is said in a line here, and the timeline below offers a retry.
  if (query.isError) return <p className="latest-photos latest-photos-note">形象进度照片暂时无法加载。</p>
  const items = query.data.items
  if (items.length === 0) return <p className="latest-photos latest-photos-note">暂无形象进度照片。</p>
  const newest = items.slice(0, LATEST_PHOTOS)
  return (
    <div className="latest-photos" role="group" aria-labelledby={`latest-photos-${projectId}`}>
      <div className="latest-photos-head">
        <h2 id={`latest-photos-${projectId}`} className="latest-photos-title">
          最新形象进度照片
          <span className="latest-photos-month">（{zhMonth(newest[0]!.month)}）</span>
        </h2>
        <a href="#photos">全部照片（{items.length} 张）</a>
      </div>
      <PhotoGallery photos={newest.map(shown)} label="最新形象进度照片" compact />
    </div>
  )
}

/** Every photo of the project, month by month (newest first); a month whose report is not approved says 未审核. */
export function PhotoTimeline({ projectId }: { projectId: string }) {
  const query = useQuery(photoQueries.ofProject(projectId))
  return (
    <Section title="形象进度照片" id="photos" note="按月报月份，新的在前；未审核通过的月报，照片标注“未审核”">
      <QueryBoundary query={query} loadingLabel="正在加载形象进度照片…">
        {({ items }) => {
          if (items.length === 0) return <p className="field-hint">本项目尚无形象进度照片。</p>
          const months = [...new Set(items.map((p) => p.month))]
          return (
            <ol className="photo-timeline">
              {months.map((month) => {
                const ofMonth = items.filter((p) => p.month === month)
                const status = ofMonth[0]!.reportStatus
                return (
                  <li key={month}>
                    <h3 className="photo-timeline-month">
                      {zhMonth(month)}
                      <span className="photo-timeline-count">（{ofMonth.length} 张）</span>
                      {status !== 'approved' && (
                        <span className="tag tag-neutral">未审核（月报{REPORT_STATUS_LABELS[status]}）</span>
                      )}
                    </h3>
                    <PhotoGallery photos={ofMonth.map(shown)} label={`${zhMonth(month)}的照片`} details />
                  </li>
                )
              })}
            </ol>
          )
        }}
      </QueryBoundary>
    </Section>
  )
}
