import type { AuditEntry } from '@/contract/accounts'
import { actorLabel } from '@/domain/accounts'

/** 操作人 in a log: the person and their unit (张三（区发改委）), with the login name below it in small print. */
export function ActorCell({ entry }: { entry: Pick<AuditEntry, 'actor' | 'actorName' | 'actorUnit'> }) {
  const { name, account } = actorLabel(entry)
  return (
    // data-label: the column's name on a phone's card (decision 78).
    <td className="cell-text" data-label="操作人">
      {name}
      {account && <div className="cell-sub">账户 {account}</div>}
    </td>
  )
}
