import type { Provenance, ProjectRecord } from '@/contract'

/** What a reader is told wherever simulated figures appear: next to the headline figures, in exports, in the API. */
export const SIMULATED_NOTICE =
  '演示数据：月度完成投资、形象进度等为模拟值——各项目金额、所属片区、业主与责任单位、日期、节点、问题，以及由此得出的完成率和滞后判断都是模拟的；只有项目总数、总投资、年度计划投资及投资类别合计来自报告。'

/** The provenance of an answer drawn from data that does (or does not) include simulated records. */
export function provenanceOf(includesSimulated: boolean): Provenance {
  return { simulated: includesSimulated, notice: includesSimulated ? SIMULATED_NOTICE : null }
}

/** The provenance of an answer computed over these records: simulated if any of them is. */
export function provenanceOfRecords(records: readonly Pick<ProjectRecord, 'simulated'>[]): Provenance {
  return provenanceOf(records.some((r) => r.simulated))
}

/** A name is simulated only in simulated data: a reported ledger's names are real though the report lacks them. */
export function hasSimulatedName(record: Pick<ProjectRecord, 'simulated' | 'sourcedFields'>): boolean {
  return record.simulated && !record.sourcedFields.includes('name')
}
