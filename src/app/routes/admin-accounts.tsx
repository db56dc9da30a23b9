import { PageHeader } from '@/components/page-header'
import { AccountAdmin } from '@/features/admin/components/account-admin'

export function Component() {
  return (
    <>
      <title>账户管理 · 南岸区重点项目进度监测</title>
      <PageHeader title="账户管理" subtitle="登录账户、角色与业主单位绑定；停用账户或重置密码后，该账户立即退出登录" />
      <AccountAdmin />
    </>
  )
}
