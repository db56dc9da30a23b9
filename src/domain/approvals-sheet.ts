import type { ImportError } from '@/contract/imports'
import { SaveApprovalSchema, type ApprovalKind, type SaveApproval } from '@/contract/approvals'
import { APPROVAL_STATUS_LABELS, approvalFieldProblems } from './approvals'
import { isEmptyCell, readSheetCell, readSheetHeader, type SheetCell, type SheetColumn } from './sheet'

/**
 * 前期手续 in the project ledger's workbook (decision 80): the export's second sheet and the import's, one row per
 * project and approval. Read row by row with the first sheet's cell rules; every problem is reported with its row
 * and its column (named 前期手续·列名, so it is told apart from the first sheet's).
 */
export const APPROVAL_SHEET_NAME = '前期手续'

const STATUS_CHOICES = Object.fromEntries(Object.entries(APPROVAL_STATUS_LABELS).map(([status, label]) => [label, status]))

export const APPROVAL_SHEET_COLUMNS: readonly SheetColumn[] = [
  { header: '项目编号', key: 'projectId', kind: 'id', required: true, note: '已在清单中的项目，或本文件“项目台账”表中填了项目编号的项目' },
  { header: '手续', key: 'kind', kind: 'text', required: true, note: '手续名称，如 施工许可（前期手续类别清单中启用的）' },
  { header: '状态', key: 'status', kind: 'choice', required: true, note: '未启动、办理中、已取得或不需要', choices: STATUS_CHOICES },
  { header: '取得日期', key: 'obtainedOn', kind: 'date', required: false, note: '已取得时必填，不晚于今天；其他状态不填' },
  { header: '文号', key: 'number', kind: 'text', required: false, note: '最长 60 个字' },
  { header: '办理部门', key: 'department', kind: 'text', required: false, note: '如 区住房城乡建委' },
]

/** One approval row as read: the project, the kind's slug and the approval as it should be. */
export type ApprovalSheetRow = { row: number; projectId: string; kind: string; body: Omit<SaveApproval, 'version'> }

const named = (header: string) => `${APPROVAL_SHEET_NAME}·${header}`

/**
 * Read the 前期手续 sheet: its header (the known columns, nothing unknown), then each row against the kinds on the
 * list (active ones only), the projects that exist (`projectIds`) and the day (`today`). A row with any problem
 * is not in `rows`; the same project and approval twice is refused on the second.
 */
export function readApprovalSheet(
  header: readonly SheetCell[],
  data: readonly (readonly SheetCell[])[],
  kinds: readonly ApprovalKind[],
  projectIds: ReadonlySet<string>,
  today: string,
): { rows: ApprovalSheetRow[]; errors: ImportError[] } {
  const head = readSheetHeader(APPROVAL_SHEET_COLUMNS, header)
  if (!head.ok) return { rows: [], errors: head.errors.map((e) => ({ ...e, column: named(e.column) })) }
  const active = kinds.filter((k) => !k.retired)
  const byName = new Map(kinds.map((k) => [k.name, k]))
  const rows: ApprovalSheetRow[] = []
  const errors: ImportError[] = []
  const firstRowOf = new Map<string, number>()
  data.forEach((cells, i) => {
    const row = i + 2
    const cellOf = (key: string) => {
      const at = head.index.get(key)
      return at === undefined ? null : (cells[at] ?? null)
    }
    if (APPROVAL_SHEET_COLUMNS.every((c) => isEmptyCell(cellOf(c.key)))) return
    const rowErrors: ImportError[] = []
    const fail = (header: string, message: string) => rowErrors.push({ row, column: named(header), message })
    const values: Record<string, unknown> = {}
    for (const column of APPROVAL_SHEET_COLUMNS) {
      const reading = readSheetCell(column, cellOf(column.key))
      if (reading.kind === 'error') fail(column.header, reading.message)
      if (reading.kind === 'value') values[column.key] = typeof reading.value === 'string' ? reading.value.trim() : String(reading.value)
    }
    const projectId = values.projectId as string | undefined
    if (projectId !== undefined && !projectIds.has(projectId)) fail('项目编号', `项目 ${projectId} 不存在（新项目请在“项目台账”表中填写其项目编号）`)
    let kind: ApprovalKind | undefined
    if (values.kind !== undefined) {
      kind = byName.get(values.kind as string) ?? kinds.find((k) => k.kind === values.kind)
      if (!kind) fail('手续', `“${String(values.kind)}”不在前期手续清单中（可选：${active.map((k) => k.name).join('、')}）`)
      else if (kind.retired) fail('手续', `手续“${kind.name}”已停用，不再填写`)
    }
    const parsed = SaveApprovalSchema.omit({ version: true }).safeParse({ status: values.status, obtainedOn: values.obtainedOn ?? null, number: values.number ?? null, department: values.department ?? null })
    if (!parsed.success) {
      const header = { obtainedOn: '取得日期', number: '文号', department: '办理部门', status: '状态' } as Record<string, string>
      for (const issue of parsed.error.issues) {
        const column = header[String(issue.path[0] ?? '')] ?? '状态'
        if (!rowErrors.some((e) => e.column === named(column))) fail(column, issue.message)
      }
    } else {
      const problem = approvalFieldProblems(parsed.data.status, parsed.data.obtainedOn ?? null, today)
      if (problem.obtainedOn && !rowErrors.some((e) => e.column === named('取得日期'))) fail('取得日期', problem.obtainedOn)
    }
    if (projectId !== undefined && kind) {
      const key = `${projectId}|${kind.kind}`
      if (firstRowOf.has(key)) fail('手续', `${projectId} 的${kind.name}与第 ${firstRowOf.get(key)} 行重复`)
      else firstRowOf.set(key, row)
    }
    if (rowErrors.length > 0 || !parsed.success || !kind || projectId === undefined) errors.push(...rowErrors)
    else rows.push({ row, projectId, kind: kind.kind, body: parsed.data })
  })
  return { rows, errors }
}

/** The export's rows of one project: every active kind in the list's order, in words (未启动 where nothing is recorded). */
export function approvalSheetRows(
  projectId: string,
  approvals: readonly { name: string; status: keyof typeof APPROVAL_STATUS_LABELS; obtainedOn: string | null; number: string | null; department: string | null }[],
): (string | null)[][] {
  return approvals.map((a) => [projectId, a.name, APPROVAL_STATUS_LABELS[a.status], a.obtainedOn, a.number, a.department])
}
