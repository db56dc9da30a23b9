import type { FocusArea, InvestmentType, Stage, ZoneId } from '@/contract'
import type { StageIndex } from './progress-ladder'

/**
 * Every project the 2024 plan report names (FACTS §3), plus the unfinished projects of the 2023
 * column (FACTS §4). Name, focus area and sub-category of §3 entries are from the report; the zone,
 * investment type, stage and size class are our assumptions (the report does not give them per
 * project) and are shown as simulated.
 */
export type ProjectKind =
  | 'metro'
  | 'railway'
  | 'bridge'
  | 'road'
  | 'building'
  | 'industry'
  | 'commerce'
  | 'school'
  | 'hospital'
  | 'ecology'
  | 'renewal'
  | 'programme'

export type NamedProject = {
  name: string
  focusArea: FocusArea
  focusSubCategory: string
  /** false for FACTS §4 projects that the 2024 plan does not name: their focus area is ours. */
  focusFromReport: boolean
  zoneId: ZoneId
  investmentType: InvestmentType
  stage: Stage
  kind: ProjectKind
  /** End-of-2023 status from FACTS §4: percent only where the report gives one. */
  baseline?: { percent: number | null; text: string }
  /** The baseline measures something other than overall progress: do not continue it as 形象进度. */
  baselineIsNotOverall?: boolean
  /**
   * Where the report gives the end-of-2023 status in words, the stage of the ladder (progress-ladder.ts) it
   * stands for: 2024 never goes back below it. A percentage baseline needs none (its stage follows from it).
   */
  baselineStage?: StageIndex
  /** The year the 2023 review says construction began (开工建设/启动建设), where it says so. */
  startedIn?: number
  note?: string
}

const KZ = 'key-zones' as const
const KD = 'key-directions' as const
const LV = 'livelihood' as const
const IF = 'infrastructure' as const

const named = (
  name: string,
  focusArea: FocusArea,
  focusSubCategory: string,
  zoneId: ZoneId,
  investmentType: InvestmentType,
  stage: Stage,
  kind: ProjectKind,
  extra: Partial<NamedProject> = {},
): NamedProject => ({ name, focusArea, focusSubCategory, focusFromReport: true, zoneId, investmentType, stage, kind, ...extra })

export const NAMED_PROJECTS: readonly NamedProject[] = [
  // (一) 聚焦重点区域
  named('碳金国际中心', KZ, '提升城市品质', 'nanbin', 'social', 'continuing', 'commerce'),
  // 2023 review: 保亿数字经济产业园、黄葛晚渡项目启动建设.
  named('黄葛晚渡片区开发项目', KZ, '提升城市品质', 'nanbin', 'social', 'continuing', 'renewal', { startedIn: 2023 }),
  named('江南立交改造工程', KZ, '提升城市品质', 'nanping', 'government', 'continuing', 'road', {
    baseline: { percent: 80, text: '总工程量完成80%' },
    note: '报告在“聚焦基础支撑·节点类项目”中再次列出本项目，此处只计一次。',
  }),
  named('重庆人家片区开发项目', KZ, '提升城市品质', 'nanshan', 'social', 'continuing', 'renewal'),
  named('江南春城', KZ, '新城建设', 'east-station', 'social', 'continuing', 'renewal'),
  named('重庆东站站前区城市T型台', KZ, '新城建设', 'east-station', 'government', 'new-start', 'building'),
  named('站前区丝路文体会展中心', KZ, '新城建设', 'east-station', 'government', 'new-start', 'building'),
  named('广阳大道生态修复及景观提升工程', KZ, '提升片区生态形象', 'gy-bay', 'government', 'continuing', 'ecology'),
  named('广阳岛生态修复二期', KZ, '提升片区生态形象', 'gy-island', 'government', 'continuing', 'ecology'),
  // (二) 聚焦重点方向
  // 2023 review: 已推动台达电子、城园置地等7宗闲置和开竣工违约用地开工.
  named('台达电子西部制造基地', KD, '工业倍增专项行动', 'district-wide', 'social', 'continuing', 'industry', { startedIn: 2023 }),
  named('重庆鹰谷光电总部基地', KD, '工业倍增专项行动', 'district-wide', 'social', 'new-start', 'industry'),
  named('长江绿色创新产业园核心区城市更新项目一至三期', KD, '工业倍增专项行动', 'gyw-city', 'joint', 'continuing', 'renewal'),
  named('重庆卷烟厂制丝线升级改造项目', KD, '工业倍增专项行动', 'district-wide', 'social', 'new-start', 'industry'),
  named('重庆脑与智能科学中心', KD, '数字经济跃升专项行动', 'gyw-city', 'government', 'continuing', 'building', {
    baseline: { percent: null, text: '2023年完成情况：已完工' },
    baselineIsNotOverall: true,
    baselineStage: 4,
    note: '报告2023年专栏称本项目已完工，2024年计划仍将其列为重点项目；2024年的建设内容与进度为模拟。',
  }),
  named('迎龙创新港', KD, '数字经济跃升专项行动', 'gyw-city', 'government', 'continuing', 'building'),
  named('重庆软件园D区', KD, '数字经济跃升专项行动', 'district-wide', 'social', 'continuing', 'building'),
  named('中国移动江南数据中心（一期）', KD, '数字经济跃升专项行动', 'district-wide', 'social', 'continuing', 'industry'),
  named('成渝地区双城经济圈产业数字化赋能基地', KD, '数字经济跃升专项行动', 'district-wide', 'government', 'continuing', 'building'),
  named('新加坡鹏瑞利医疗综合体', KD, '商旅文体融合专项行动', 'nanping', 'social', 'continuing', 'commerce'),
  named('南岸龙门浩老街二期', KD, '商旅文体融合专项行动', 'nanbin', 'social', 'continuing', 'commerce'),
  named('国瑞·龙门里', KD, '商旅文体融合专项行动', 'nanbin', 'social', 'continuing', 'commerce'),
  named('上海城商业改造城市更新项目', KD, '商旅文体融合专项行动', 'nanping', 'social', 'new-start', 'commerce'),
  named('铜元局重庆时光', KD, '商旅文体融合专项行动', 'nanbin', 'social', 'continuing', 'commerce'),
  // (三) 聚焦民生所盼
  named('江南新城A46-2/03地块小学校新建工程', LV, '教育卫生', 'east-station', 'government', 'new-start', 'school'),
  named('五院迁建项目（重庆市第五人民医院迁建工程）', LV, '教育卫生', 'nanping', 'government', 'continuing', 'hospital', {
    // 专栏2: 总进度完成95%; the 2023 review: 市五院迁建工程基本建成. The two agree (stage 3 of the ladder).
    baseline: { percent: 95, text: '总进度完成95%（基本建成）' },
  }),
  named('首都师范大学附属中小学', LV, '教育卫生', 'gyw-city', 'government', 'continuing', 'school'),
  named('广阳湾中学工程', LV, '教育卫生', 'gy-bay', 'government', 'new-start', 'school'),
  named('广阳湾小学工程', LV, '教育卫生', 'gy-bay', 'government', 'new-start', 'school'),
  named('莲花村石龙村城中村改造项目', LV, '人居环境', 'district-wide', 'government', 'continuing', 'renewal'),
  named('南岸长生河流域系统综合治理二期', LV, '人居环境', 'district-wide', 'government', 'continuing', 'ecology'),
  named('高铁体育公园', LV, '人居环境', 'east-station', 'government', 'new-start', 'ecology'),
  named('同景公园升级改造工程', LV, '人居环境', 'nanping', 'government', 'continuing', 'ecology'),
  named('拦马河生态修复整治工程', LV, '人居环境', 'district-wide', 'government', 'continuing', 'ecology'),
  named('中建壹品南滨星光城', LV, '人居环境', 'nanbin', 'social', 'continuing', 'renewal'),
  named('国瑞长嘉外滩', LV, '人居环境', 'nanbin', 'social', 'continuing', 'renewal'),
  named('老旧小区改造', LV, '人居环境', 'district-wide', 'government', 'continuing', 'programme'),
  named('旧城改建征收', LV, '人居环境', 'district-wide', 'government', 'continuing', 'programme'),
  named('棚户区改造', LV, '人居环境', 'district-wide', 'government', 'continuing', 'programme'),
  named('成片开发', LV, '人居环境', 'district-wide', 'government', 'continuing', 'programme'),
  // (四) 聚焦基础支撑
  named('群慧立交及配套道路', IF, '节点类项目', 'nanbin', 'government', 'continuing', 'road'),
  named('黄桷坪长江大桥', IF, '节点类项目', 'district-wide', 'unclassified', 'continuing', 'bridge'),
  named('渝长高速复线连接道工程', IF, '节点类项目', 'district-wide', 'unclassified', 'continuing', 'road'),
  named('轨道交通10号线二期', IF, '市级在区重大交通项目', 'district-wide', 'unclassified', 'continuing', 'metro', {
    baseline: { percent: null, text: '车站主体结构全部完成' },
    baselineStage: 2,
  }),
  named('轨道交通24号线一期工程', IF, '市级在区重大交通项目', 'east-station', 'unclassified', 'continuing', 'metro', {
    baseline: { percent: 38, text: '总体形象进度完成38%' },
  }),
  named('轨道27号线', IF, '市级在区重大交通项目', 'district-wide', 'unclassified', 'continuing', 'metro', {
    baseline: { percent: 35, text: '总体形象进度完成35%' },
  }),
  named('轨道6号线东延伸段', IF, '市级在区重大交通项目', 'east-station', 'unclassified', 'continuing', 'metro', {
    baseline: { percent: 44, text: '总体形象进度完成44%' },
  }),
  named('重庆枢纽东环线', IF, '市级在区重大交通项目', 'district-wide', 'unclassified', 'continuing', 'railway'),
  named('渝湘高铁', IF, '市级在区重大交通项目', 'district-wide', 'unclassified', 'continuing', 'railway'),
  named('广阳湾一期市政道路', IF, '保障类道路', 'gy-bay', 'government', 'continuing', 'road'),
  named('湾二区8路', IF, '保障类道路', 'gy-bay', 'government', 'new-start', 'road'),
  named('东港北滨路', IF, '保障类道路', 'gy-bay', 'government', 'continuing', 'road'),
  named('华港路', IF, '保障类道路', 'gy-bay', 'government', 'new-start', 'road'),
  named('横十路西段', IF, '保障类道路', 'east-station', 'government', 'continuing', 'road'),
  // 2023 review: 鸡冠石污水处理厂四期项目开工建设.
  named('鸡冠石污水处理厂四期', IF, '生态环保', 'nanshan', 'government', 'continuing', 'ecology', {
    startedIn: 2023,
    baseline: { percent: 68.7, text: '2023年度建设工程量完成68.7%' },
    baselineIsNotOverall: true,
    note: '报告给出的是2023年度工程量完成比例，不是总体形象进度，故2024年不据此推算百分比。',
  }),
  named('广阳湾生态修复', IF, '生态环保', 'gy-bay', 'government', 'continuing', 'ecology'),
  named('团结湖生态保护治理', IF, '生态环保', 'gyw-city', 'government', 'new-start', 'ecology'),
]

const from2023 = (
  name: string,
  focusArea: FocusArea,
  focusSubCategory: string,
  zoneId: ZoneId,
  kind: ProjectKind,
  baseline: { percent: number | null; text: string },
  extra: Partial<NamedProject> = {},
): NamedProject => ({
  name,
  focusArea,
  focusSubCategory,
  focusFromReport: false,
  zoneId,
  investmentType: 'government',
  stage: 'continuing',
  kind,
  baseline,
  ...extra,
  note: `名称与2023年末进度见报告2023年完成情况专栏；2024年是否列入重点项目、所属领域为推定（模拟），以区政府发文为准。${extra.note ?? ''}`,
})

/** Unfinished projects of FACTS §4 that the 2024 plan text does not name. */
export const CARRIED_OVER_2023: readonly NamedProject[] = [
  from2023('两江四岸治理提升长江南岸线贯通工程', KZ, '提升城市品质', 'nanbin', 'ecology', { percent: 77, text: '工程整体形象进度完成77%' }),
  from2023('呼归路道路工程', IF, '保障类道路', 'nanbin', 'road', { percent: 83, text: '总进度完成83%' }, {
    note:
      '报告对本项目2023年末的说法不一：工作回顾称“呼归路等6个项目完工投用”，专栏2称“总进度完成83%”。' +
      '本数据采用专栏2的83%：专栏2是逐个项目的完成情况表，写明了全称和数值，而回顾一句是6个项目的概括，' +
      '“完工投用”可能指道路已通车投用、附属工程尚未完成。故2024年形象进度从83%起续算，不按已完工处理。',
  }),
  from2023('弹子石CBD群慧公园一期二标段（群慧公园上盖广场）', KZ, '提升城市品质', 'nanbin', 'building', { percent: 90, text: '总进度完成90%' }),
  from2023('三峡库区重庆市南岸区消落区综合治理工程二塘段', IF, '生态环保', 'district-wide', 'ecology', { percent: 83, text: '总进度完成83%' }),
  from2023('白洋滩水厂至黄桷渡水厂互联互通管道工程', IF, '市政管网', 'nanping', 'road', { percent: 92, text: '工程量完成92%' }),
  from2023('南岸区江南隧道及茶黄路工程', IF, '节点类项目', 'nanshan', 'road', { percent: 56, text: '整体形象进度完成56%' }),
  from2023('大南山区域水环境综合治理二期工程', IF, '生态环保', 'nanshan', 'ecology', { percent: 90, text: '总工程量完成90%' }),
  from2023('茶惠大道', IF, '保障类道路', 'gyw-city', 'road', { percent: 50.9, text: '总体形象进度完成50.9%' }),
  from2023('重庆工商大学一期工程', LV, '教育卫生', 'gyw-city', 'school', { percent: 30, text: '形象进度完成30%' }),
  from2023('重庆东站交通枢纽项目', IF, '节点类项目', 'east-station', 'road', { percent: null, text: '路网工程施工' }, { baselineStage: 0 }),
]
