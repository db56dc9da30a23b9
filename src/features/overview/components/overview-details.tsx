import { Link } from 'react-router'
import type { Summary } from '@/contract'
import { BehindTable } from '@/components/behind-table'
import { FiguresTable } from '@/components/figures-table'
import { Section } from '@/components/page-header'
import { ZoneRanking } from '@/components/zone-ranking'
import { paths } from '@/config/paths'
import { INVESTMENT_TYPE_NOTE } from '@/domain/investment-type-note'
import type { QueryParams } from '@/lib/api-client'

/** The overview below the fold: the zone ranking, figures by category and the projects most behind. */
export default function OverviewDetails({ summary, period, search }: { summary: Summary; period: string; search: QueryParams }) {
  return (
    <>
      <Section title="片区完成率排名" note={`按${period}投资完成率排序，与上月比较`}>
        <ZoneRanking zones={summary.byZone} hrefOf={(id) => paths.zone.getHref(id, search)} />
      </Section>
      <div className="grid-3">
        <Section title="按投资类别">
          <FiguresTable
            caption="按投资类别"
            rows={summary.byInvestmentType}
            scheduleRate={summary.scheduleRate}
            monthLabel={period}
            footnote={INVESTMENT_TYPE_NOTE}
          />
        </Section>
        <Section title="按四个聚焦">
          <FiguresTable caption="按四个聚焦" rows={summary.byFocusArea} scheduleRate={summary.scheduleRate} monthLabel={period} />
        </Section>
        <Section title="按建设性质">
          <FiguresTable caption="按建设性质" rows={summary.byStage} scheduleRate={summary.scheduleRate} monthLabel={period} />
        </Section>
      </div>

      <Section
        title="欠序时进度最多的项目"
        note={<Link to={paths.delayed.getHref(search)}>查看全部滞后项目 ›</Link>}
      >
        <BehindTable caption="欠序时进度最多的项目" items={summary.mostBehind} hrefOf={(id) => paths.project.getHref(id, search)} />
      </Section>
    </>
  )
}
