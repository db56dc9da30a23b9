/**
 * The one mapping from 形象进度 percent to stage words that the generator uses for every project and month.
 *
 * Every project goes up the same five stages; only the words differ with the kind of works (LADDERS):
 *   stage 0: 0 – <30%   (基础及地下室施工, 路基土石方施工 …)
 *   stage 1: 30 – <60%  (主体结构施工, 桥涵及管网施工 …)
 *   stage 2: 60 – <90%  (主体结构完成，机电安装及装饰装修 …)
 *   stage 3: 90 – <100% (基本建成，收尾及竣工验收准备 …)
 *   stage 4: 100%       (已完工…)
 * Before a project starts it is "前期手续办理中，尚未开工" (stage −1, percent 0). A 前期 project has no
 * construction percent: its words follow the same bands over the share of this year's preparatory work done.
 * The ladder is monotone, so a percent that never falls gives stage words that never go back.
 * docs/data.md shows the whole table.
 */
export type LadderFamily = 'building' | 'transit' | 'road' | 'ecology' | 'programme' | 'preparatory'

/** Stage index: −1 not started, 0‥3 under way, 4 complete. */
export type StageIndex = -1 | 0 | 1 | 2 | 3 | 4

/** The percent at which stages 0, 1, 2, 3 and 4 begin. */
export const STAGE_FLOORS = [0, 30, 60, 90, 100] as const

export const LADDERS: Record<LadderFamily, readonly [string, string, string, string]> = {
  building: ['基础及地下室施工', '主体结构施工', '主体结构完成，机电安装及装饰装修', '基本建成，收尾及竣工验收准备'],
  transit: [
    '车站及区间土建施工',
    '车站主体结构及区间隧道施工',
    '车站主体结构完成，铺轨及机电设备安装',
    '系统联调联试及验收准备',
  ],
  road: ['路基土石方施工', '桥涵及管网施工', '路面及附属工程施工', '附属设施及收尾工程施工'],
  ecology: ['场地整理及土石方施工', '主体工程施工', '配套设施及绿化施工', '收尾及竣工验收准备'],
  programme: ['年度子项目启动实施', '子项目分批施工', '多数子项目完工，其余加快实施', '扫尾及验收'],
  preparatory: [
    '可行性研究报告编制',
    '可研批复，初步设计编制',
    '初步设计批复，施工图审查',
    '施工图审查完成，施工招标准备',
  ],
}

export const NOT_STARTED_WORDS = '前期手续办理中，尚未开工'
/** Every stage-4 text starts with these words. */
export const COMPLETED_PREFIX = '已完工'
/** A project completed during the year. */
export const COMPLETED_WORDS = '已完工，完成竣工验收'
/** A project the report calls 已完工 at the end of 2023 that the 2024 plan still lists. */
export const COMPLETED_BEFORE_YEAR_WORDS = '已完工（2023年），2024年实施配套完善及设备购置'

/** The lowest percent of a stage (0 for not started). */
export function floorOfStage(stage: StageIndex): number {
  return stage === -1 ? 0 : STAGE_FLOORS[stage]
}

/** The stage a percent belongs to: 100 only when complete. */
export function stageOfPercent(percent: number): StageIndex {
  if (percent >= 100) return 4
  if (percent >= 90) return 3
  if (percent >= 60) return 2
  if (percent >= 30) return 1
  return 0
}

export function wordsFor(family: LadderFamily, stage: StageIndex): string {
  if (stage === -1) return NOT_STARTED_WORDS
  if (stage === 4) return COMPLETED_WORDS
  return LADDERS[family][stage]
}

/** Reads a 形象进度 text back onto the ladder; null when the text is not one of the ladder's words. */
export function stageOfWords(text: string): { stage: StageIndex; family: LadderFamily | null } | null {
  if (text === NOT_STARTED_WORDS) return { stage: -1, family: null }
  if (text.startsWith(COMPLETED_PREFIX)) return { stage: 4, family: null }
  for (const [family, words] of Object.entries(LADDERS) as [LadderFamily, readonly string[]][]) {
    const stage = words.indexOf(text)
    if (stage >= 0) return { stage: stage as StageIndex, family }
  }
  return null
}

/**
 * 2024 milestones, each tied to the stage of the ladder whose work it closes (stage −1: preparatory work and
 * the start; 0‥3: the end of that stage, 3 being 竣工验收; 4: work after completion). A project never gets a
 * milestone of a stage earlier than the one it starts 2024 in. STAGELESS milestones name no stage.
 */
export const PREPARATORY_MILESTONES = ['可研批复', '初步设计批复', '施工图审查完成', '取得施工许可', '开工'] as const
export const STAGE_END_MILESTONES = ['基础工程完成', '主体工程完成', '安装及附属工程完成', '竣工验收'] as const
export const AFTER_COMPLETION_MILESTONES = ['竣工结算审计完成', '配套设施完善', '设备购置安装完成'] as const
export const STAGELESS_MILESTONES = ['年度节点：关键工序完成', '年度建设目标完成'] as const

/** The stage a milestone belongs to; null for a stageless one; undefined for a name not on these lists. */
export function stageOfMilestone(name: string): StageIndex | null | undefined {
  if ((PREPARATORY_MILESTONES as readonly string[]).includes(name)) return -1
  const k = (STAGE_END_MILESTONES as readonly string[]).indexOf(name)
  if (k >= 0) return k as StageIndex
  if ((AFTER_COMPLETION_MILESTONES as readonly string[]).includes(name)) return 4
  if ((STAGELESS_MILESTONES as readonly string[]).includes(name)) return null
  return undefined
}
