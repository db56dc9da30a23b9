import { Brand } from '@/components/brand'
import { SignInForm } from '@/features/auth/components/sign-in-form'

export function Component() {
  return (
    <div className="shell">
      <title>登录 · 南岸区重点项目进度监测</title>
      <header className="topbar">
        <Brand />
      </header>
      <main id="main" className="main auth-main" tabIndex={-1}>
        <SignInForm />
      </main>
    </div>
  )
}
