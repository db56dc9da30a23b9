import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { zhDateTime, zhMonth } from '@/lib/format'

/**
 * 形象进度照片 as every page shows them (issue 28 §1): thumbnails that open a viewer. Data-free: the reports'
 * form and review and the project page hand in what the API gave. Decision 82.
 */
export type ShownPhoto = {
  id: string
  caption: string
  /** EXIF capture time (ISO instant) or null: the file said nothing. */
  takenAt: string | null
  /** 拍摄时间较早: taken more than 45 days before the report's month began. */
  takenEarly: boolean
  /** The display copy's size (its aspect ratio holds the viewer's frame before the image arrives). */
  width: number
  height: number
  url: string
  thumbUrl: string
  /** The report's month, YYYY-MM. */
  month: string
  /** Not yet approved (a draft's, a submission's or a returned report's photo): 未审核. */
  unreviewed?: boolean
}

/** 拍摄时间 in words: the capture time in Beijing time, or that the file had none. */
export function takenText(takenAt: string | null): string {
  return takenAt ? `拍摄于 ${zhDateTime(takenAt)}` : '无拍摄时间'
}

/** The thumbnail's own size (longest side 320 px, as the server makes it): width/height attributes, so nothing jumps. */
export function thumbSize(photo: Pick<ShownPhoto, 'width' | 'height'>, side = 320): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(photo.width, photo.height))
  return { width: Math.max(1, Math.round(photo.width * scale)), height: Math.max(1, Math.round(photo.height * scale)) }
}

/** The marks beside a photo, in words (colour is never the only signal). */
export function PhotoMarks({ photo }: { photo: Pick<ShownPhoto, 'takenEarly' | 'unreviewed'> }) {
  return (
    <>
      {photo.takenEarly && (
        <span className="tag tag-warn" title="拍摄日期早于该月前 45 天">
          <span aria-hidden="true">⚠ </span>拍摄时间较早
        </span>
      )}
      {photo.unreviewed && (
        <span className="tag tag-neutral" title="所属月报尚未审核通过">
          未审核
        </span>
      )}
    </>
  )
}

/**
 * A list of thumbnails; each is a button that opens the viewer on it, and focus comes back to it when the viewer
 * closes. `details`: the caption, 拍摄时间 and marks under each (the form, the review, the timeline); without,
 * the thumbnails alone (the project's first screen, the month's queue) — their names still say the caption.
 */
export function PhotoGallery({
  photos,
  label,
  details = false,
  compact = false,
  limit,
  renderExtra,
}: {
  photos: readonly ShownPhoto[]
  label: string
  details?: boolean
  compact?: boolean
  /** Show only the first thumbnails (a table's row); the viewer still goes through them all. */
  limit?: number
  /** Something more under a photo (the form's 删除). */
  renderExtra?: (photo: ShownPhoto) => ReactNode
}) {
  const [open, setOpen] = useState<number | null>(null)
  const opener = useRef<HTMLElement | null>(null)
  const close = useCallback(() => {
    setOpen(null)
    // Back to the thumbnail that opened the viewer (the one now shown, if the reader moved on).
    const back = opener.current
    opener.current = null
    queueMicrotask(() => back?.focus())
  }, [])
  return (
    <>
      <ul className={`photo-gallery${compact ? ' photo-gallery-compact' : ''}`} aria-label={label}>
        {photos.slice(0, limit).map((photo, i) => {
          const size = thumbSize(photo)
          return (
            <li key={photo.id} className="photo-item">
              <button
                type="button"
                className="photo-thumb"
                aria-label={`查看大图：${photo.caption}${compact ? `（${zhMonth(photo.month)}${photo.unreviewed ? '，未审核' : ''}）` : ''}`}
                onClick={(event) => {
                  opener.current = event.currentTarget
                  setOpen(i)
                }}
              >
                <img src={photo.thumbUrl} alt="" width={size.width} height={size.height} loading="lazy" decoding="async" />
                {compact && photo.unreviewed && (
                  <span className="photo-thumb-mark" aria-hidden="true">
                    未审核
                  </span>
                )}
              </button>
              {details && (
                <div className="photo-meta">
                  <p className="photo-caption">{photo.caption}</p>
                  <p className="photo-taken">{takenText(photo.takenAt)}</p>
                  {(photo.takenEarly || photo.unreviewed) && (
                    <p className="photo-marks">
                      <PhotoMarks photo={photo} />
                    </p>
                  )}
                  {renderExtra?.(photo)}
                </div>
              )}
            </li>
          )
        })}
      </ul>
      {open !== null && photos.length > 0 && (
        <PhotoViewer photos={photos} index={Math.min(open, photos.length - 1)} onIndex={setOpen} onClose={close} />
      )}
    </>
  )
}

/**
 * The viewer: a modal dialog with one photo large, its caption as its text alternative and beneath it, the date
 * taken and the report's month. 上一张/下一张 (buttons, or ← and →) go round the photos; Escape and 关闭 close it and
 * focus goes back to the thumbnail that opened it (the gallery does that); Tab stays inside.
 */
export function PhotoViewer({
  photos,
  index,
  onIndex,
  onClose,
}: {
  photos: readonly ShownPhoto[]
  index: number
  onIndex: (index: number) => void
  onClose: () => void
}) {
  const titleId = useId()
  const captionId = useId()
  const dialog = useRef<HTMLDivElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  const photo = photos[index]!
  const many = photos.length > 1
  const go = useCallback((step: number) => onIndex((index + step + photos.length) % photos.length), [index, onIndex, photos.length])
  useEffect(() => {
    closeButton.current?.focus()
  }, [])
  // Behind the dialog the page does not scroll.
  useEffect(() => {
    const before = document.body.style.overflow
    document.body.style.overflow = 'hidden'
    return () => {
      document.body.style.overflow = before
    }
  }, [])
  useEffect(() => {
    const node = dialog.current
    if (!node) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        onClose()
      } else if (event.key === 'ArrowRight' && many) {
        event.preventDefault()
        go(1)
      } else if (event.key === 'ArrowLeft' && many) {
        event.preventDefault()
        go(-1)
      } else if (event.key === 'Tab') {
        const focusable = [...node.querySelectorAll<HTMLElement>('button:not([disabled])')]
        const first = focusable[0]
        const last = focusable.at(-1)
        if (event.shiftKey && (document.activeElement === first || !node.contains(document.activeElement))) {
          event.preventDefault()
          last?.focus()
        } else if (!event.shiftKey && (document.activeElement === last || !node.contains(document.activeElement))) {
          event.preventDefault()
          first?.focus()
        }
      }
    }
    node.addEventListener('keydown', onKeyDown)
    return () => node.removeEventListener('keydown', onKeyDown)
  }, [onClose, go, many])
  // On the page's body: a card around the thumbnails may hold its own stacking and layout, which must not clip the viewer.
  return createPortal(
    <div className="dialog-backdrop photo-viewer-backdrop">
      <div ref={dialog} className="dialog photo-viewer" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={captionId}>
        <div className="photo-viewer-head">
          <h2 id={titleId}>
            {zhMonth(photo.month)}月报照片{many ? `（第 ${index + 1} 张，共 ${photos.length} 张）` : ''}
          </h2>
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            关闭<span className="sr-only">大图</span>
          </button>
        </div>
        <figure className="photo-viewer-figure">
          <img key={photo.id} src={photo.url} alt={photo.caption} width={photo.width} height={photo.height} decoding="async" />
          <figcaption id={captionId}>
            <span className="photo-caption">{photo.caption}</span>
            <span className="photo-taken">
              {takenText(photo.takenAt)} · {zhMonth(photo.month)}月报
            </span>
            {(photo.takenEarly || photo.unreviewed) && (
              <span className="photo-marks">
                <PhotoMarks photo={photo} />
              </span>
            )}
          </figcaption>
        </figure>
        {many && (
          <div className="photo-viewer-nav">
            <button type="button" className="button" onClick={() => go(-1)}>
              <span aria-hidden="true">← </span>上一张
            </button>
            <span className="field-hint">左右方向键切换，Esc 关闭</span>
            <button type="button" className="button" onClick={() => go(1)}>
              下一张<span aria-hidden="true"> →</span>
            </button>
          </div>
        )}
      </div>
    </div>,
    document.body,
  )
}
