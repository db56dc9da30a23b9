import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx'
import type { KeyedFigures, ProjectListItem } from '@/contract'
import type { Bulletin } from '@/contract/bulletins'
import { DRAFT_MARK, bulletinTitle } from '@/domain/bulletin'
import { BULLETIN_CATEGORIES, BULLETIN_LISTS, BULLETIN_SECTIONS, ESCALATED_COLUMNS, ESCALATED_EMPTY, byResponsibleUnit, catchUpRatioText, escalatedRow, listLead, overallText, problemsNote, statusText } from '@/lib/bulletin-text'
import { count, monthRange, percent, signedPoints, wanNumber, yiNumber, zhDate } from '@/lib/format'

/**
 * The bulletin as an editable Word document (docx 9; decision 64): the staff edit a 通报 in Word before it goes
 * out. The same parts as the page, in the same order — 文号, title, 主送, the sections, 落款 and 印发日期, 抄送 —
 * on portrait A4 with 第N页 共M页 in every page's footer. Replaced in the browser demo (server/browser/).
 */
export async function bulletinDocument(bulletin: Bulletin): Promise<ArrayBuffer> {
  const { summary } = bulletin.content
  const period = monthRange(summary.asOfMonth)
  const children: (Paragraph | Table)[] = []
  const FONT = '仿宋'
  const text = (value: string, options: { bold?: boolean; size?: number; font?: string } = {}) =>
    new TextRun({ text: value, bold: options.bold, size: options.size ?? 28, font: options.font ?? FONT })
  const paragraph = (value: string | ParagraphChild[], options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; bold?: boolean; size?: number; font?: string; after?: number } = {}) =>
    new Paragraph({
      alignment: options.align,
      indent: options.indent ? { firstLine: 560 } : undefined,
      spacing: { after: options.after ?? 120, line: 460 },
      children: typeof value === 'string' ? [text(value, options)] : value,
    })
  const heading = (value: string) => paragraph(value, { font: '黑体', bold: false, after: 120 })
  const subheading = (value: string) => paragraph(value, { font: '楷体', after: 80 })
  const cell = (value: string | number, options: { header?: boolean; right?: boolean } = {}) =>
    new TableCell({
      children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: String(value), bold: options.header, size: 21, font: '宋体' })] })],
    })
  const table = (header: string[], rows: (string | number)[][], rightFrom: number) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { header: true })) }),
        ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value, i) => cell(value, { right: i >= rightFrom })) })),
      ],
    })

  if (bulletin.status === 'draft') children.push(paragraph(DRAFT_MARK, { align: AlignmentType.RIGHT, font: '黑体' }))
  children.push(paragraph(bulletin.number ?? '（文号待定）', { align: AlignmentType.CENTER, after: 240 }))
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      border: { top: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 12 } },
      children: [text(bulletinTitle(summary.planYear, summary.asOfMonth), { size: 40, font: '方正小标宋简体' })],
    }),
  )
  children.push(paragraph(`${bulletin.mainTo}：`, { after: 120 }))
  if (summary.provenance.notice) children.push(paragraph(`说明：${summary.provenance.notice}`, { indent: true, size: 21 }))

  children.push(heading(BULLETIN_SECTIONS.overall), paragraph(overallText(summary), { indent: true }))

  const FIGURES = ['类别', '项目数', '年度计划（亿元）', `${period}完成（亿元）`, '完成率', '较序时（个百分点）']
  const figures = (rows: readonly KeyedFigures[]) => rows.map((r) => [r.label, r.projectCount, yiNumber(r.annualPlanWan), yiNumber(r.cumulativeActualWan), percent(r.completionRate), signedPoints(r.gapPoints)])
  children.push(heading(BULLETIN_SECTIONS.byCategory))
  for (const category of BULLETIN_CATEGORIES) children.push(subheading(category.title), table(FIGURES, figures(summary[category.key]), 1))

  children.push(heading(BULLETIN_SECTIONS.zones), paragraph(`按${period}投资完成率排序，与上月比较。`, { indent: true }))
  const ranking = [...summary.byZone].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
  children.push(
    table(
      ['排名', '片区', '项目数', '年度计划（亿元）', '完成率', '较序时（个百分点）', '上月排名'],
      ranking.map((z) => [z.rank === null ? '不排名' : String(z.rank), z.name, z.projectCount, yiNumber(z.annualPlanWan), percent(z.completionRate), signedPoints(z.gapPoints), z.previousRank === null ? '—' : String(z.previousRank)]),
      2,
    ),
  )

  const LIST = ['责任单位', '项目编号', '项目名称', '所属片区', '状态', '完成率', '较序时（个百分点）', '欠序时进度（万元）']
  const listRows = (items: readonly ProjectListItem[]) =>
    byResponsibleUnit(items).flatMap(({ unit, items: own }) =>
      own.map((i) => [unit, i.id, i.name, i.zoneName, statusText(i), percent(i.status.completionRate), signedPoints(i.status.gapPoints), wanNumber(i.status.shortfallWan)]),
    )
  for (const list of BULLETIN_LISTS) {
    const items = bulletin.content[list.key]
    children.push(heading(`${list.title}（${count(items.length)}）`))
    const lead = listLead(bulletin.content, list.key)
    if (lead) children.push(paragraph(lead, { indent: true }))
    children.push(items.length === 0 ? paragraph(list.empty, { indent: true }) : table(LIST, listRows(items), 5))
  }

  const { problems } = bulletin.content
  children.push(heading(`${BULLETIN_SECTIONS.problems}（${count(problems.total)}）`), paragraph(`${problemsNote(problems)}。`, { indent: true }))
  if (problems.items.length > 0)
    children.push(
      table(
        ['项目', '问题', '督办部门', '办结时限', '逾期天数'],
        problems.items.map((p) => [`${p.projectName}（${p.projectId}）`, p.problem.description, p.problem.assignedTo ?? '—', zhDate(p.problem.dueDate), p.daysOverdue]),
        4,
      ),
    )

  // 九、挂牌督办项目 (decision 76).
  const { escalated } = bulletin.content
  children.push(heading(`${BULLETIN_SECTIONS.escalated}（${count(escalated.length)}）`))
  children.push(escalated.length === 0 ? paragraph(ESCALATED_EMPTY, { indent: true }) : table([...ESCALATED_COLUMNS], escalated.map(escalatedRow), 5))

  // 十、冲刺项目 (decision 75).
  const { catchUp } = bulletin.content
  children.push(heading(BULLETIN_SECTIONS.catchUp))
  children.push(
    catchUp.length === 0
      ? paragraph('没有落后于序时进度、需要冲刺的项目。', { indent: true })
      : table(
          ['项目', '责任单位', '每月需完成（万元）', '最好月份（万元）', '倍数'],
          catchUp.map((i) => [`${i.name}（${i.id}）`, i.responsibleUnit, i.catchUp!.neededPerMonthWan, i.catchUp!.bestMonthWan, `${catchUpRatioText(i.catchUp!.ratioToBest)}${i.catchUp!.feasible ? '' : '，难以完成'}`]),
          2,
        ),
  )

  // 落款 and 印发日期, right-aligned; then 抄送, as a 通报 ends.
  children.push(paragraph(bulletin.issuer, { align: AlignmentType.RIGHT, after: 0 }))
  children.push(paragraph(bulletin.issuedDate ? zhDate(bulletin.issuedDate) : DRAFT_MARK, { align: AlignmentType.RIGHT, after: 360 }))
  children.push(
    new Paragraph({
      spacing: { before: 240 },
      border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 6 }, bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 6 } },
      children: [text(`抄送：${bulletin.copyTo}。`, { size: 24 })],
    }),
  )

  const document = new Document({
    creator: bulletin.issuer,
    title: `${bulletin.number ?? DRAFT_MARK} ${bulletinTitle(summary.planYear, summary.asOfMonth)}`,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 21, font: '宋体' })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return Packer.toArrayBuffer(document)
}
