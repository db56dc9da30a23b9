import { percent, percentFigure } from '@/lib/format'

type ProgressBarProps = {
  /** Accessible name, e.g. "投资完成率". */
  label: string
  /** 0-100 (may exceed 100 for over-completion). */
  value: number | null
  /** Where 序时进度 stands, 0-100, drawn as a marker. */
  marker?: number
  markerLabel?: string
  tone?: 'green' | 'yellow' | 'red' | 'grey' | 'blue'
  /** Text shown beside the bar; defaults to the percentage. */
  valueText?: string
  compact?: boolean
}

/** An accessible completion bar: role="progressbar" with value, range and name. */
export function ProgressBar({ label, value, marker, markerLabel = '序时进度', tone = 'blue', valueText, compact }: ProgressBarProps) {
  const shown = value === null ? '—' : (valueText ?? percentFigure(value))
  const markerText = marker === undefined ? '' : percent(marker / 100)
  const max = Math.max(100, value ?? 0)
  return (
    <div className={`progress${compact ? ' progress-compact' : ''}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value === null ? undefined : Math.round(value * 100) / 100}
        aria-valuetext={value === null ? '无百分比数据' : marker !== undefined ? `${shown}，${markerLabel}${markerText}` : shown}
      >
        {value !== null && <div className={`progress-fill tone-${tone}`} style={{ width: `${Math.min(100, Math.max(0, value))}%` }} />}
        {marker !== undefined && (
          <div className="progress-marker" style={{ left: `${Math.min(100, marker)}%` }} title={`${markerLabel} ${markerText}`} />
        )}
      </div>
      <span className="progress-value num">{shown}</span>
    </div>
  )
}
