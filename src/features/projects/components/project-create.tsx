import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { FOCUS_AREAS, INVESTMENT_TYPES, ProjectRecordSchema, STAGES, ZONE_IDS, issueFields } from '@/contract'
import { CreateProjectSchema, projectEditPaths, type CreateProject } from '@/contract/project-edit'
import { paths } from '@/config/paths'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { FOCUS_AREA_LABELS, INVESTMENT_TYPE_LABELS, STAGE_LABELS, zoneInfo } from '@/domain/labels'
import { parseTypedNumber } from '@/domain/typed-number'
import { ApiRequestError, apiSend } from '@/lib/api-client'

type Draft = Record<
  'name' | 'zoneId' | 'focusArea' | 'investmentType' | 'stage' | 'ownerUnit' | 'responsibleUnit' | 'totalInvestmentWan' | 'annualPlanWan' | 'plannedStartDate' | 'plannedCompletionDate',
  string
>
const EMPTY: Draft = {
  name: '',
  zoneId: '',
  focusArea: '',
  investmentType: '',
  stage: '',
  ownerUnit: '',
  responsibleUnit: '',
  totalInvestmentWan: '',
  annualPlanWan: '',
  plannedStartDate: '',
  plannedCompletionDate: '',
}
/** A money field as typed, read by the domain's one rule (1,200 and full-width digits; never 1e3). */
const typedWan = (text: string, label: string) => parseTypedNumber(text, { label })
const orUndefined = (text: string) => (text === '' ? undefined : text)

/** 新增项目 for the commission's staff: a project the district government's list adds, with its plan. */
export function ProjectCreate() {
  const id = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [failure, setFailure] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const create = useMutation({
    mutationFn: (input: CreateProject) => apiSend('POST', projectEditPaths.create, input, ProjectRecordSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
  useEffect(() => {
    if (open) heading.current?.focus()
  }, [open])

  if (!open) {
    return (
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          新增项目
        </button>
      </div>
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const total = typedWan(draft.totalInvestmentWan, '总投资')
    const plan = typedWan(draft.annualPlanWan, '年度计划投资')
    if (!total.ok || !plan.ok) {
      const fields: Record<string, string> = {}
      if (!total.ok) fields.totalInvestmentWan = total.message
      if (!plan.ok) fields.annualPlanWan = plan.message
      return setFailure({ message: '请按提示修改后重新提交', fields })
    }
    const parsed = CreateProjectSchema.safeParse({
      ...draft,
      zoneId: orUndefined(draft.zoneId),
      focusArea: orUndefined(draft.focusArea),
      investmentType: orUndefined(draft.investmentType),
      stage: orUndefined(draft.stage),
      totalInvestmentWan: total.value,
      annualPlanWan: plan.value,
    })
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新提交', fields: issueFields(parsed.error.issues) })
    setFailure(null)
    create.mutate(parsed.data, {
      onSuccess: (project) => void navigate(paths.project.getHref(project.id)),
      onError: (error) =>
        setFailure(
          error instanceof ApiRequestError
            ? { message: error.fields ? '请按提示修改后重新提交' : error.message, fields: error.fields ?? {} }
            : { message: '保存失败，请检查网络后重试', fields: {} },
        ),
    })
  }
  const input = (key: keyof Draft, label: string, type = 'text', hint?: string) => (
    <FormField id={`${id}-${key}`} label={label} error={failure?.fields[key]} hint={hint}>
      {(props) => <input {...props} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </FormField>
  )
  const select = (key: keyof Draft, label: string, options: readonly { value: string; label: string }[]) => (
    <FormField id={`${id}-${key}`} label={label} error={failure?.fields[key]}>
      {(props) => (
        <select {...props} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
          <option value="">请选择</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  )
  return (
    <section className="card action-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        新增项目
      </h3>
      <form className="stack-sm" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <p className="field-hint">项目编号自动取下一个；年度计划平均分到各月，可在项目页修改。</p>
        <ErrorSummary attempt={failure} message={failure?.message ?? null} level={4} />
        <div className="form-grid">
          {input('name', '项目名称')}
          {select('zoneId', '所属片区', ZONE_IDS.map((z) => ({ value: z, label: zoneInfo(z).name })))}
          {select('focusArea', '四个聚焦', FOCUS_AREAS.map((f) => ({ value: f, label: FOCUS_AREA_LABELS[f] })))}
          {select('investmentType', '投资类别', INVESTMENT_TYPES.map((t) => ({ value: t, label: INVESTMENT_TYPE_LABELS[t] })))}
          {select('stage', '建设性质', STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })))}
          {input('ownerUnit', '业主单位')}
          {input('responsibleUnit', '责任单位')}
          {input('totalInvestmentWan', '总投资（万元）', 'text', '整数，单位万元')}
          {input('annualPlanWan', '年度计划投资（万元）', 'text', '整数，单位万元')}
          {input('plannedStartDate', '计划开工日期', 'date')}
          {input('plannedCompletionDate', '计划竣工日期', 'date')}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? '正在保存…' : '新增'}
          </button>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            取消
          </button>
        </div>
      </form>
    </section>
  )
}
