import type { FocusArea, InvestmentType, LagClass, Level, ProblemStatus, Stage, ZoneId } from '@/contract'
import type { Confidence } from '@/contract/reports'

export type ZoneInfo = { id: ZoneId; name: string; group: string }

/** "三南两城一岛一湾" in the report's order, then the bucket for everything outside them. */
export const ZONES: readonly ZoneInfo[] = [
  { id: 'nanbin', name: '南滨路', group: '三南' },
  { id: 'nanping', name: '南坪', group: '三南' },
  { id: 'nanshan', name: '南山', group: '三南' },
  { id: 'gyw-city', name: '广阳湾智创生态城', group: '两城' },
  { id: 'east-station', name: '重庆东站枢纽新城', group: '两城' },
  { id: 'gy-island', name: '广阳岛', group: '一岛' },
  { id: 'gy-bay', name: '广阳湾', group: '一湾' },
  { id: 'district-wide', name: '跨片区/全区', group: '片区外' },
]

/** The seven zones that are ranked against each other; 跨片区/全区 is counted apart from them. */
export const RANKED_ZONES: readonly ZoneInfo[] = ZONES.filter((z) => z.group !== '片区外')
export const isRankedZone = (id: string) => RANKED_ZONES.some((z) => z.id === id)

const zoneById = new Map(ZONES.map((z) => [z.id, z]))
export function zoneInfo(id: ZoneId): ZoneInfo {
  const zone = zoneById.get(id)
  if (!zone) throw new Error(`unknown zone ${id}`)
  return zone
}

export const FOCUS_AREA_LABELS: Record<FocusArea, string> = {
  'key-zones': '聚焦重点区域',
  'key-directions': '聚焦重点方向',
  livelihood: '聚焦民生所盼',
  infrastructure: '聚焦基础支撑',
}

export const INVESTMENT_TYPE_LABELS: Record<InvestmentType, string> = {
  government: '政府投资',
  social: '社会投资',
  joint: '政社共同投资',
  unclassified: '未细分',
}

export const STAGE_LABELS: Record<Stage, string> = {
  continuing: '续建',
  'new-start': '新开工',
  preparatory: '前期',
}

export const LEVEL_LABELS: Record<Level, string> = { city: '市级', district: '区级' }

export const LAG_CLASS_LABELS: Record<LagClass, string> = {
  'on-pace': '达到序时进度',
  'slightly-behind': '略低于序时进度',
  lagging: '滞后',
  severe: '严重滞后',
  'not-started': '应开未开',
  'not-reported': '未报送',
  'pending-start': '未到开工期',
  completed: '已完工',
}

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  warning: '预警',
  supervising: '督办中',
  resolved: '已办结',
}

/** 完成信心 in words (issue 27): 高 / 较高 / 中 / 较低 / 低. */
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  high: '高',
  'fairly-high': '较高',
  medium: '中',
  'fairly-low': '较低',
  low: '低',
}

/** 完成信心's colour, green → red; shown as a swatch beside the words, never alone (the CSS class is `confidence-<level>`). */
export const CONFIDENCE_COLOURS: Record<Confidence, 'green' | 'green-amber' | 'amber' | 'amber-red' | 'red'> = {
  high: 'green',
  'fairly-high': 'green-amber',
  medium: 'amber',
  'fairly-low': 'amber-red',
  low: 'red',
}
