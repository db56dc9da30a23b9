import { useId } from 'react'
import { useSearchParams } from 'react-router'
import { AuditQuerySchema, PROJECT_AUDIT_ACTIONS, type AuditQuery } from '@/contract/accounts'
import { PageHeader, Section } from '@/components/page-header'
import { AUDIT_ACTION_LABELS } from '@/domain/accounts'
import { ChangeHistory } from '@/features/history/components/change-history'

const KEYS = ['action', 'actor', 'projectId', 'month'] as const

/** 修改记录 across the system: every report and problem step, filtered; the filters live in the URL. */
export function Component() {
  const id = useId()
  const [params, setParams] = useSearchParams()
  const filters: Omit<AuditQuery, 'limit'> = {}
  const dropped: string[] = []
  for (const key of KEYS) {
    const raw = params.get(key)
    if (!raw) continue
    const parsed = AuditQuerySchema.shape[key].safeParse(raw)
    if (parsed.success) Object.assign(filters, { [key]: parsed.data })
    else dropped.push(raw)
  }
  const set = (key: (typeof KEYS)[number], value: string) => {
    const next = new URLSearchParams(params)
    if (value.trim()) next.set(key, value.trim())
    else next.delete(key)
    setParams(next, { replace: true })
  }
  return (
    <>
      <title>修改记录 · 南岸区重点项目进度监测</title>
      <PageHeader title="修改记录" subtitle="月报填报与审核、问题督办、项目信息维护的每一次修改：谁、何时、改了什么、为什么。" />
      {dropped.length > 0 && (
        <p className="notice notice-warn" role="status">
          链接中的筛选条件无效，已忽略：{dropped.join('、')}
        </p>
      )}
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-action`}>操作</label>
          <select id={`${id}-action`} value={filters.action ?? ''} onChange={(e) => set('action', e.target.value)}>
            <option value="">全部操作</option>
            {PROJECT_AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-project`}>项目编号</label>
          <input id={`${id}-project`} defaultValue={filters.projectId ?? ''} placeholder="如 P001" onBlur={(e) => set('projectId', e.target.value.toUpperCase())} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-month`}>月份</label>
          <input id={`${id}-month`} type="month" defaultValue={filters.month ?? ''} onChange={(e) => set('month', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`}>操作人</label>
          <input id={`${id}-actor`} defaultValue={filters.actor ?? ''} onBlur={(e) => set('actor', e.target.value)} />
        </div>
      </div>
      <Section title="记录">
        <ChangeHistory filters={filters} caption="修改记录" showProject />
      </Section>
    </>
  )
}
