import { Link } from 'react-router'
import type { Summary } from '@/contract'
import { BehindTable } from '@/components/behind-table'
import { FiguresTable } from '@/components/figures-table'
import { Section } from '@/components/page-header'
import { ZoneRanking } from '@/components/zone-ranking'
import { paths } from '@/config/paths'
import { INVESTMENT_TYPE_NOTE } from '@/domain/investment-type-note'
import type { QueryParams } from '@/lib/api-client'

type DetailsProps = { summary: Summary; period: string; search: QueryParams }

/**
 * The overview's tables, in their own chunk (decision 44: the first page's JavaScript budget). Drawn with the
 * page, on the server too (decision 84): a part drawn late, when the reader scrolls towards it, pushed what the
 * reader was reading. The two parts sit at different places on the page, in a leader's order.
 */

/** Which zone, then which projects and why: right after how far behind. */
export function OverviewRanking({ summary, period, search }: DetailsProps) {
  return (
    <>
      <Section title="片区完成率排名" note={`按${period}投资完成率排序，与上月比较`}>
        <ZoneRanking zones={summary.byZone} hrefOf={(id) => paths.zone.getHref(id, search)} />
      </Section>
      <Section title="欠序时进度最多的项目" note={<Link to={paths.delayed.getHref(search)}>查看全部滞后项目 ›</Link>}>
        <BehindTable caption="欠序时进度最多的项目" items={summary.mostBehind} hrefOf={(id) => paths.project.getHref(id, search)} />
      </Section>
    </>
  )
}

/** The figures by category: the rest. */
export function OverviewCategories({ summary, period }: DetailsProps) {
  return (
    <div className="grid-3">
      <Section title="按投资类别">
        <FiguresTable caption="按投资类别" rows={summary.byInvestmentType} scheduleRate={summary.scheduleRate} monthLabel={period} footnote={INVESTMENT_TYPE_NOTE} />
      </Section>
      <Section title="按四个聚焦">
        <FiguresTable caption="按四个聚焦" rows={summary.byFocusArea} scheduleRate={summary.scheduleRate} monthLabel={period} />
      </Section>
      <Section title="按建设性质">
        <FiguresTable caption="按建设性质" rows={summary.byStage} scheduleRate={summary.scheduleRate} monthLabel={period} />
      </Section>
    </div>
  )
}
