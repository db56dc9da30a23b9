import type { ProjectFilters, ProjectSortKey } from '@/contract'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, LAG_CLASS_LABELS, STAGE_LABELS, zoneInfo } from './labels'

const SORT_LABELS: Record<ProjectSortKey, string> = {
  id: '项目编号',
  name: '项目名称',
  zone: '片区',
  totalInvestment: '总投资',
  annualPlan: '年度计划',
  actual: '累计完成',
  completionRate: '投资完成率',
  gap: '较序时',
  progress: '形象进度',
  shortfall: '欠序时进度',
  catchUpRatio: '冲刺倍数',
  confidence: '完成信心',
}

/**
 * The active filters in words, for the printed page: "片区：南坪；状态：滞后、严重滞后；排序：欠序时进度（从大到小）".
 * `approvalName` names a 前期手续 kind (decision 80); its slug is shown when it is not known.
 */
export function describeFilters(filters: Omit<ProjectFilters, 'asOf'>, approvalName?: string): string {
  const parts: string[] = []
  if (filters.zone) parts.push(`片区：${zoneInfo(filters.zone).name}`)
  if (filters.focusArea) parts.push(`四个聚焦：${FOCUS_AREA_LABELS[filters.focusArea]}`)
  if (filters.investmentType) parts.push(`投资类别：${INVESTMENT_TYPE_LABELS[filters.investmentType]}`)
  if (filters.stage) parts.push(`建设性质：${STAGE_LABELS[filters.stage]}`)
  if (filters.status?.length) parts.push(`状态：${filters.status.map((s) => LAG_CLASS_LABELS[s]).join('、')}`)
  if (filters.owner) parts.push(`业主单位：${filters.owner}`)
  if (filters.dept) parts.push(`责任单位：${filters.dept}`)
  if (filters.missingApproval) parts.push(`未取得手续：${approvalName ?? filters.missingApproval}`)
  if (filters.q) parts.push(`搜索：“${filters.q}”`)
  const sort = filters.sort ?? 'id'
  parts.push(`排序：${SORT_LABELS[sort]}（${filters.order === 'desc' ? '从大到小' : '从小到大'}）`)
  return parts.join('；')
}

