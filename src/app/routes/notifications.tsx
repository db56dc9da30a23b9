import { PageHeader } from '@/components/page-header'
import { NotificationList } from '@/features/notifications/components/notification-list'

export function Component() {
  return (
    <>
      <title>通知 · 南岸区重点项目进度监测</title>
      <PageHeader title="通知" subtitle="月报退回与通过、问题督办、报送截止提醒、催报和月份发布" />
      <NotificationList />
    </>
  )
}
