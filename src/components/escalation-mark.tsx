import type { Escalation } from '@/contract/escalation'
import { lagStreakText } from '@/domain/escalation'
import { zhDate } from '@/lib/format'

/**
 * 挂牌督办 beside a project's name (decision 76): a flag and the words, never colour alone. A proposal awaiting the
 * staff reads 拟挂牌督办 only where `proposed` asks for it (the staff's views); everyone else sees the listing only.
 */
export function EscalationMark({ escalation, proposed = false }: { escalation: Escalation; proposed?: boolean }) {
  if (escalation.status === 'listed')
    return (
      <span className="tag tag-escalated" title={`${escalation.since ? `${zhDate(escalation.since)}起` : ''}挂牌督办${escalation.reason ? `：${escalation.reason}` : ''}`}>
        <span aria-hidden="true" className="badge-icon">
          ⚑
        </span>
        挂牌督办
      </span>
    )
  if (escalation.status === 'proposed' && proposed)
    return (
      <span className="tag tag-warn" title={escalation.reason ?? undefined}>
        <span aria-hidden="true" className="badge-icon">
          ⚐
        </span>
        拟挂牌督办
      </span>
    )
  return null
}

/** 连续滞后N个月 (published months in a row judged 滞后 or 严重滞后); nothing when the project is in no run. */
export function LagStreak({ months }: { months: number }) {
  const text = lagStreakText(months)
  return text ? <span className="tag tag-warn lag-streak">{text}</span> : null
}
