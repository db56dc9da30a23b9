import { PageHeader } from '@/components/page-header'
import { ChangePasswordForm } from '@/features/auth/components/change-password-form'

export function Component() {
  return (
    <>
      <title>修改密码 · 南岸区重点项目进度监测</title>
      <PageHeader title="修改密码" subtitle="先输入当前密码，再输入两次新密码；修改后，本账户在其他设备上的登录全部退出" />
      <ChangePasswordForm />
    </>
  )
}
