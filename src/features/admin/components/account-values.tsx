import type { Account } from '@/contract/accounts'
import { ROLE_LABELS } from '@/domain/access'

type Values = Pick<Account, 'displayName' | 'role' | 'ownerUnit' | 'unit' | 'disabled'>

/** An account's editable values as a short list; the conflict view shows the server's beside the user's. */
export function AccountValues({ values, label }: { values: Values; label: string }) {
  return (
    <dl className="values" aria-label={label}>
      <div>
        <dt>姓名</dt>
        <dd>{values.displayName}</dd>
      </div>
      <div>
        <dt>角色</dt>
        <dd>{ROLE_LABELS[values.role]}</dd>
      </div>
      <div>
        <dt>业主单位</dt>
        <dd>{values.ownerUnit ?? '—'}</dd>
      </div>
      <div>
        <dt>所在单位</dt>
        <dd>{values.unit ?? '—'}</dd>
      </div>
      <div>
        <dt>状态</dt>
        <dd>{values.disabled ? '已停用' : '启用'}</dd>
      </div>
    </dl>
  )
}

/**
 * Someone else changed the account since this form was opened: show what it is now next to the user's
 * own edit, and let the user decide — apply the edit again on top of the current version, or drop it.
 */
export function ConflictNotice({
  message,
  current,
  mine,
  reapplyLabel,
  pending,
  onReapply,
  onDiscard,
}: {
  message: string
  current: Account
  mine?: Values
  reapplyLabel: string
  pending: boolean
  onReapply: () => void
  onDiscard: () => void
}) {
  return (
    <div className="conflict" role="alert">
      <strong>{message}</strong>
      <div className="conflict-compare">
        <div>
          <h4>当前内容</h4>
          <AccountValues values={current} label="当前内容" />
        </div>
        {mine && (
          <div>
            <h4>您的修改</h4>
            <AccountValues values={mine} label="您的修改" />
          </div>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={pending} onClick={onReapply}>
          {reapplyLabel}
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          放弃我的修改
        </button>
      </div>
    </div>
  )
}
