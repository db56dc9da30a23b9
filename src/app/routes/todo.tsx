import { PageHeader } from '@/components/page-header'
import { TodoList } from '@/features/notifications/components/todo-list'
import { useCurrentUser } from '@/lib/session'

/** 待办: the landing page of owner units and staff after sign-in. */
export function Component() {
  const user = useCurrentUser()
  const role = user.role === 'owner' ? 'owner' : 'staff'
  return (
    <>
      <title>待办 · 南岸区重点项目进度监测</title>
      <PageHeader
        title="待办"
        subtitle={role === 'owner' ? `${user.ownerUnit ?? ''}：待报送、被退回的月报，未办结的问题` : '待审核的月报、逾期未报的单位、到期的问题和待发布的月份'}
      />
      <TodoList role={role} />
    </>
  )
}
