import { useQuery } from '@tanstack/react-query'
import { NavLink } from 'react-router'
import { paths } from '@/config/paths'
import { notificationQueries } from '../api/notifications'

/**
 * 通知 in the header, with the unread count: the count is in the link's name for a screen reader, and a
 * number on the badge (not a colour alone) for the eye.
 */
export default function NotificationLink() {
  const query = useQuery(notificationQueries.list())
  const unread = query.data?.unread ?? 0
  return (
    <NavLink to={paths.notifications.getHref()} className="nav-link notice-link" aria-label={unread > 0 ? `通知（${unread}条未读）` : '通知'}>
      通知
      {unread > 0 && (
        <span className="notice-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  )
}
