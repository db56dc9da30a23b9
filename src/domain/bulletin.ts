/**
 * The issued bulletin's fixed parts (docs/decisions/064): its 文号 and the addresses a 通报 carries. The
 * deployment sets them (server/env.ts: BULLETIN_*); an issued bulletin keeps the ones it was issued with.
 */
export type BulletinSettings = {
  /** The 文号 pattern: `{year}` the year of issue, `{n}` its number in that year's order of issue. */
  numberFormat: string
  /** 主送 */
  mainTo: string
  /** 抄送 */
  copyTo: string
  /** 落款: the issuing body. */
  issuer: string
}

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  numberFormat: '南岸发改〔{year}〕{n}号',
  mainTo: '区级有关部门，各片区管委会，各镇人民政府、街道办事处，有关单位',
  copyTo: '区委办公室，区人大常委会办公室，区政府办公室，区政协办公室',
  issuer: '重庆市南岸区发展和改革委员会',
}

/** Why a 文号 pattern cannot number bulletins (null: it can). */
export function numberFormatProblem(format: string): string | null {
  return format.includes('{n}') ? null : 'must contain {n} (the number), e.g. 南岸发改〔{year}〕{n}号'
}

/** The 文号 of the n-th bulletin issued in `year`. */
export function bulletinNumber(format: string, year: number, n: number): string {
  return format.replaceAll('{year}', String(year)).replaceAll('{n}', String(n))
}

/** The title of a month's bulletin, e.g. 南岸区重点项目2024年1-9月进展情况通报. */
export function bulletinTitle(planYear: number, month: number): string {
  return `南岸区重点项目${planYear}年${month === 1 ? '1月' : `1-${month}月`}进展情况通报`
}

/** The marks a bulletin that is not issued carries on screen, on paper and in Word. */
export const DRAFT_MARK = '征求意见稿（未发布）'
