import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { AuditChange, AuditQuery } from '@/contract/accounts'
import { paths } from '@/config/paths'
import { ActorCell } from '@/components/actor-cell'
import { EmptyState, QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { AUDIT_ACTION_LABELS } from '@/domain/accounts'
import { PROJECT_FIELD_LABELS, projectValueText } from '@/domain/monthly-report'
import { zhDateTime, zhMonth } from '@/lib/format'
import { historyQueries } from '../api/history'

function Changes({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <>—</>
  return (
    <ul className="change-list">
      {changes.map((change) => (
        <li key={change.field}>
          {PROJECT_FIELD_LABELS[change.field] ?? change.field}：{projectValueText(change.field, change.before)} → {projectValueText(change.field, change.after)}
        </li>
      ))}
    </ul>
  )
}

/**
 * 修改记录: who changed what and when — monthly reports and problems, each field before → after, with
 * the reason of a return or an assignment. Newest first, from the append-only audit log.
 */
export function ChangeHistory({ filters, caption, showProject = false }: { filters: Omit<AuditQuery, 'limit'>; caption: string; showProject?: boolean }) {
  const query = useQuery(historyQueries.entries(filters))
  return (
    <QueryBoundary query={query} loadingLabel="正在加载修改记录…">
      {(log) =>
        log.items.length === 0 ? (
          <EmptyState>没有修改记录。演示数据中的历史月份没有修改记录；此后的每一次填报、审核和问题督办都会记在这里。</EmptyState>
        ) : (
          <TableScroll label={`${caption}（可横向滚动）`}>
            {/* 变更 and 原因 wrap, so the table fits a desktop's page; a card per entry on a phone (decision 78). */}
            <table className="table table-compact table-stack table-history" role="table">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr role="row">
                  <th scope="col" role="columnheader">时间</th>
                  <th scope="col" role="columnheader">操作人</th>
                  <th scope="col" role="columnheader">操作</th>
                  {showProject && <th scope="col" role="columnheader">项目</th>}
                  <th scope="col" role="columnheader">对象</th>
                  <th scope="col" role="columnheader">变更</th>
                  <th scope="col" role="columnheader">原因</th>
                </tr>
              </thead>
              <tbody>
                {log.items.map((entry) => {
                  const projectId = entry.target?.split('-Q')[0] ?? null
                  return (
                    <tr key={entry.id} role="row">
                      <th scope="row" role="rowheader">{zhDateTime(entry.at)}</th>
                      <ActorCell entry={entry} />
                      <td data-label="操作">{AUDIT_ACTION_LABELS[entry.action]}</td>
                      {showProject && <td data-label="项目">{projectId ? <Link to={paths.project.getHref(projectId)}>{projectId}</Link> : '—'}</td>}
                      <td data-label="对象">{entry.month ? `${zhMonth(entry.month)}月报` : entry.target?.includes('-Q') ? `问题 ${entry.target}` : '—'}</td>
                      <td data-label="变更" className="cell-text cell-wide">
                        <Changes changes={entry.changes} />
                      </td>
                      <td data-label="原因" className="cell-text cell-wide">{entry.reason ?? '—'}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </TableScroll>
        )
      }
    </QueryBoundary>
  )
}
