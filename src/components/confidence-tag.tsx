import type { Confidence } from '@/contract/reports'
import { CONFIDENCE_COLOURS, CONFIDENCE_LABELS } from '@/domain/labels'

/** A colour swatch of a 完成信心 level, beside its words (colour is never the only signal). */
export function ConfidenceSwatch({ level }: { level: Confidence }) {
  return <span className={`confidence-swatch confidence-${CONFIDENCE_COLOURS[level]}`} aria-hidden="true" />
}

/** 完成信心 as its words with the swatch; `—` when none was given. `by` names whose rating it is. */
export function ConfidenceTag({ level, by }: { level: Confidence | null; by?: string }) {
  if (!level) return <span>—</span>
  return (
    <span className="confidence-tag">
      <ConfidenceSwatch level={level} />
      {by ? `${by}：` : ''}
      {CONFIDENCE_LABELS[level]}
    </span>
  )
}
