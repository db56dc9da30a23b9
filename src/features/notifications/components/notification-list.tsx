import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Notification } from '@/contract/notifications'
import { QueryBoundary } from '@/components/query-state'
import { NOTIFICATION_KIND_LABELS } from '@/domain/notifications'
import { zhDateTime } from '@/lib/format'
import { notificationQueries, useMarkRead } from '../api/notifications'

const KIND_TONE: Record<Notification['kind'], string> = {
  'report-returned': 'tag-bad',
  'report-approved': 'tag-ok',
  'problem-assigned': 'tag-warn',
  'due-soon': 'tag-warn',
  overdue: 'tag-bad',
  'month-published': 'tag-neutral',
  reminder: 'tag-warn',
  'escalation-proposed': 'tag-warn',
  'escalation-listed': 'tag-bad',
}

/** The account's notices, newest first: each says what happened and links to the thing itself; opening it marks it read. */
export function NotificationList() {
  const query = useQuery(notificationQueries.list())
  const markRead = useMarkRead()
  return (
    <QueryBoundary query={query} loadingLabel="正在加载通知…">
      {(list) => (
        <div className="stack-sm">
          <div className="toolbar">
            <p className="toolbar-note" role="status">
              {list.unread > 0 ? `${list.unread}条未读` : '没有未读通知'}
            </p>
            {list.unread > 0 && (
              <button type="button" className="button" disabled={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
                全部标为已读
              </button>
            )}
          </div>
          {markRead.isError && (
            <p className="notice notice-warn" role="alert">
              标记已读失败，请重试
            </p>
          )}
          {list.items.length === 0 ? (
            <p className="empty">还没有通知。月报被退回或通过、问题督办、报送截止和月份发布时，会在这里告诉你。</p>
          ) : (
            <ul className="notice-list" aria-label="通知列表">
              {list.items.map((n) => (
                <li key={n.id} className={n.read ? 'notice-item' : 'notice-item notice-unread'}>
                  <div className="notice-item-head">
                    <span className={`tag ${KIND_TONE[n.kind]}`}>{NOTIFICATION_KIND_LABELS[n.kind]}</span>
                    {!n.read && <strong className="notice-new">未读</strong>}
                    <time dateTime={n.at}>{zhDateTime(n.at)}</time>
                  </div>
                  <p className="notice-text">{n.text}</p>
                  <div className="notice-actions">
                    <Link to={n.link} aria-label={`查看：${n.text}`} onClick={() => !n.read && markRead.mutate({ ids: [n.id] })}>
                      查看
                    </Link>
                    {!n.read && (
                      <button type="button" className="button button-link" aria-label={`标为已读：${n.text}`} onClick={() => markRead.mutate({ ids: [n.id] })}>
                        标为已读
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </QueryBoundary>
  )
}
