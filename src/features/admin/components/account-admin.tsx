import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Account, SignInThrottleEntry } from '@/contract/accounts'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { ROLE_LABELS } from '@/domain/access'
import { accountUnit } from '@/domain/accounts'
import { zhDateTime } from '@/lib/format'
import { useCurrentUser } from '@/lib/session'
import { adminQueries } from '../api/accounts'
import { EditAccount, ResetPassword, ToggleAccount, type AccountAction } from './account-actions'
import { AuditLog } from './audit-log'
import { CreateAccountForm } from './create-account-form'
import { AccountThrottleCell, SignInThrottleTable } from './sign-in-throttle'

type Open = { action: AccountAction; account: Account }

/** 账户管理: the accounts with their actions, a form for a new one, and the sign-in and account log. */
export function AccountAdmin() {
  const me = useCurrentUser()
  const accounts = useQuery(adminQueries.accounts())
  const throttle = useQuery(adminQueries.throttle())
  const [open, setOpen] = useState<Open | null>(null)
  const [notice, setNotice] = useState('')

  const done = (message: string) => {
    setOpen(null)
    setNotice(message)
  }

  return (
    <div className="stack">
      <Section title="账户列表" note={accounts.data ? `共 ${accounts.data.items.length} 个账户` : undefined}>
        <p className="form-success" role="status">
          {notice}
        </p>
        <QueryBoundary query={accounts} loadingLabel="正在加载账户…">
          {(list) => (
            <AccountTable
              items={list.items}
              self={me.username}
              throttled={throttle.data?.items ?? []}
              onLifted={done}
              onAction={(action, account) => {
                setNotice('')
                setOpen({ action, account })
              }}
            />
          )}
        </QueryBoundary>
      </Section>
      {open?.action === 'edit' && (
        <EditAccount
          key={`edit-${open.account.username}`}
          account={open.account}
          self={open.account.username === me.username}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.action === 'toggle' && (
        <ToggleAccount key={`toggle-${open.account.username}`} account={open.account} onDone={done} onCancel={() => setOpen(null)} />
      )}
      {open?.action === 'password' && (
        <ResetPassword key={`password-${open.account.username}`} account={open.account} onDone={done} onCancel={() => setOpen(null)} />
      )}
      <Section title="登录限制" note="同一用户名从同一地址连续登录失败 5 次后暂停（1 分钟起，再失败加倍，至多 15 分钟）；重置密码也会解除">
        <SignInThrottleTable query={throttle} onLifted={done} />
      </Section>
      <Section title="新建账户">
        <CreateAccountForm onSubmitted={() => setNotice('')} onCreated={(account) => setNotice(`已创建账户 ${account.username}（${ROLE_LABELS[account.role]}）`)} />
      </Section>
      <Section title="登录与账户日志" note="登录、退出、登录失败与账户变更，最新的在前">
        <AuditLog />
      </Section>
    </div>
  )
}

function AccountTable({
  items,
  self,
  throttled,
  onLifted,
  onAction,
}: {
  items: Account[]
  self: string
  throttled: SignInThrottleEntry[]
  onLifted: (message: string) => void
  onAction: (action: AccountAction, account: Account) => void
}) {
  return (
    <TableScroll label="账户列表（可横向滚动）">
      <table className="table">
        <caption className="sr-only">账户列表</caption>
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">单位</th>
            <th scope="col">状态</th>
            <th scope="col">最近登录</th>
            <th scope="col">登录限制</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {items.map((account) => (
            <tr key={account.username}>
              <th scope="row">
                {account.username}
                {account.username === self && <span className="cell-sub">（当前登录）</span>}
              </th>
              <td className="cell-text">{account.displayName}</td>
              <td>{ROLE_LABELS[account.role]}</td>
              <td className="cell-text">{accountUnit(account) ?? '—'}</td>
              <td>
                <span className={`badge ${account.disabled ? 'badge-grey' : 'badge-green'}`}>{account.disabled ? '已停用' : '启用'}</span>
              </td>
              <td className="num">{zhDateTime(account.lastSignInAt)}</td>
              <td>
                <AccountThrottleCell username={account.username} entries={throttled} onLifted={onLifted} />
              </td>
              <td>
                <span className="row-actions">
                  <button type="button" className="button button-small" onClick={() => onAction('edit', account)}>
                    编辑<span className="sr-only"> {account.username}</span>
                  </button>
                  {account.username !== self && (
                    <button type="button" className="button button-small" onClick={() => onAction('toggle', account)}>
                      {account.disabled ? '启用' : '停用'}
                      <span className="sr-only"> {account.username}</span>
                    </button>
                  )}
                  <button type="button" className="button button-small" onClick={() => onAction('password', account)}>
                    重置密码<span className="sr-only"> {account.username}</span>
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
