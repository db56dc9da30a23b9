import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useSearchParams } from 'react-router'
import { ACCOUNT_AUDIT_ACTIONS, AuditActionSchema, type AuditChange, type AuditEntry } from '@/contract/accounts'
import { ActorCell } from '@/components/actor-cell'
import { EmptyState, QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { ROLE_LABELS } from '@/domain/access'
import { ACCOUNT_FIELD_LABELS, AUDIT_ACTION_LABELS } from '@/domain/accounts'
import { zhDateTime } from '@/lib/format'
import { adminQueries } from '../api/accounts'

/** A field's value in words: roles and the disabled flag by name; anything else as plain text. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (field === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as keyof typeof ROLE_LABELS]
  if (field === 'disabled' && typeof value === 'boolean') return value ? '已停用' : '启用'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function Changes({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <>—</>
  return (
    <ul className="change-list">
      {changes.map((change) => (
        <li key={change.field}>
          {ACCOUNT_FIELD_LABELS[change.field] ?? change.field}：{valueText(change.field, change.before)} → {valueText(change.field, change.after)}
        </li>
      ))}
    </ul>
  )
}

/** 登录与账户日志, filtered by action; the filter is in the URL like every other view's. */
export function AuditLog() {
  const id = useId()
  const [params, setParams] = useSearchParams()
  const parsed = AuditActionSchema.safeParse(params.get('action'))
  const action = parsed.success ? parsed.data : undefined
  const log = useQuery(adminQueries.audit(action))

  return (
    <div className="stack-sm">
      <div className="filters filters-inline">
        <div className="field">
          <label htmlFor={`${id}-action`}>操作</label>
          <select
            id={`${id}-action`}
            value={action ?? ''}
            onChange={(e) => {
              const next = new URLSearchParams(params)
              if (e.target.value) next.set('action', e.target.value)
              else next.delete('action')
              setParams(next)
            }}
          >
            <option value="">全部操作</option>
            {ACCOUNT_AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryBoundary query={log} loadingLabel="正在加载日志…">
        {(list) => (list.items.length === 0 ? <EmptyState>没有符合条件的记录。</EmptyState> : <AuditTable items={list.items} />)}
      </QueryBoundary>
    </div>
  )
}

function AuditTable({ items }: { items: AuditEntry[] }) {
  return (
    <TableScroll label="登录与账户日志（可横向滚动）">
      <table className="table table-compact">
        <caption className="sr-only">登录与账户日志</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">变更</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td className="num">{zhDateTime(entry.at)}</td>
              <ActorCell entry={entry} />
              <td>{AUDIT_ACTION_LABELS[entry.action]}</td>
              <td>{entry.target ?? '—'}</td>
              <td className="cell-text">
                <Changes changes={entry.changes} />
                {entry.reason && <div className="cell-sub">{entry.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
