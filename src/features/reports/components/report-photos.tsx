import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { PHOTO_LIMITS, PHOTO_TYPES, PhotoCaptionSchema, type ReportPhoto } from '@/contract/photos'
import type { ReportStatus } from '@/contract/reports'
import { PHOTO_EDITABLE } from '@/domain/report-photos'
import { FormField } from '@/components/form-field'
import { PhotoGallery, type ShownPhoto } from '@/components/photo-viewer'
import { ApiRequestError } from '@/lib/api-client'
import { useDeletePhoto, useUploadPhoto } from '../api/photos'

/**
 * A report's photos as the shared gallery shows them. 未审核 is not marked here: the owner's form and the review
 * are about that very report, whose state is on screen; the project's timeline marks it (project-photos.tsx).
 */
export const shownPhotos = (photos: readonly ReportPhoto[], month: string): ShownPhoto[] => photos.map((p) => ({ ...p, month }))

/** 形象进度照片 of a report, read only (the review, a report viewed): thumbnails that open large, or one line when none. */
export function ReportPhotos({ photos, month }: { photos: readonly ReportPhoto[]; month: string }) {
  if (photos.length === 0) return <p className="field-hint">本月报未附形象进度照片。</p>
  // Staff see the marks that matter for the decision (拍摄时间较早); 未审核 goes without saying here.
  return <PhotoGallery photos={shownPhotos(photos, month)} label={`形象进度照片（${photos.length} 张）`} details />
}

const MB = 1024 * 1024
const ACCEPT = PHOTO_TYPES.join(',')

/** A refusal in words fit to show beside the control (the server's own message when it gave one). */
function refusalOf(error: unknown): { message: string; caption?: string } {
  if (!(error instanceof ApiRequestError)) return { message: '上传失败，请检查网络后重试' }
  if (error.status === 413) return { message: error.message || `照片超过 ${PHOTO_LIMITS.maxBytes / MB} MB，请压缩后再上传` }
  const caption = error.fields?.caption
  if (caption) return { message: caption, caption }
  return { message: error.fields?.file ?? error.fields?.month ?? error.message }
}

/**
 * The owner's 形象进度照片 in the month's report form (draft or returned): choose a file (a phone may offer its
 * camera), type its 图片说明, upload; the photos so far with their captions and 拍摄时间, each deletable after a
 * confirmation; at most nine. A refusal is said beside the control and takes the focus; nothing typed in the
 * report's form is touched (the photos are written apart from it, decision 81).
 */
export function ReportPhotoUpload({
  projectId,
  month,
  photos,
  status,
  onUploaded,
}: {
  projectId: string
  month: string
  photos: readonly ReportPhoto[]
  /** The report's state as the server holds it now (null: none yet): submitted or approved, nothing changes. */
  status: ReportStatus | null
  /** After an upload went through (the form adopts the draft a first upload started). */
  onUploaded?: () => void
}) {
  const id = useId()
  const upload = useUploadPhoto()
  const remove = useDeletePhoto()
  const [file, setFile] = useState<File | null>(null)
  const [caption, setCaption] = useState('')
  const [error, setError] = useState<{ message: string; caption?: string; file?: string } | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const errorRef = useRef<HTMLParagraphElement>(null)
  const editable = status === null || PHOTO_EDITABLE.includes(status)
  const full = photos.length >= PHOTO_LIMITS.perReport
  // Nothing more to add: nine already, or the report left the owner's hands meanwhile.
  const closed = full || !editable
  const busy = upload.isPending || remove.isPending

  const fail = (refusal: { message: string; caption?: string; file?: string }) => {
    setDone(null)
    setError(refusal)
  }
  // Each refusal takes the focus once it is on screen, so a screen reader and a phone user both land on it.
  useEffect(() => {
    if (error) errorRef.current?.focus()
  }, [error])

  const send = () => {
    if (busy || closed) return
    const typed = PhotoCaptionSchema.safeParse(caption)
    const refusal: { message: string; caption?: string; file?: string } = { message: '' }
    if (!file) refusal.file = '请选择要上传的照片'
    else if (file.size > PHOTO_LIMITS.maxBytes) refusal.file = `照片为 ${(file.size / MB).toFixed(1)} MB，超过 ${PHOTO_LIMITS.maxBytes / MB} MB，请压缩后再上传`
    if (!typed.success) refusal.caption = typed.error.issues[0]?.message ?? '请填写图片说明'
    if (refusal.file || refusal.caption) return fail({ ...refusal, message: [refusal.file, refusal.caption].filter(Boolean).join('；') })
    setError(null)
    upload.mutate(
      { projectId, month, file: file!, caption: typed.data! },
      {
        onSuccess: (photo) => {
          setDone(`已上传：${photo.caption}`)
          setFile(null)
          setCaption('')
          if (fileInput.current) fileInput.current.value = ''
          onUploaded?.()
        },
        onError: (failure) => fail(refusalOf(failure)),
      },
    )
  }

  const onCaptionKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter here uploads the photo; it must not submit the report around it.
    if (event.key === 'Enter') {
      event.preventDefault()
      send()
    }
  }

  const erase = (photo: ShownPhoto) => {
    remove.mutate(
      { projectId, month, photoId: photo.id },
      {
        onSuccess: () => {
          setConfirming(null)
          setError(null)
          setDone(`已删除照片：${photo.caption}`)
          queueMicrotask(() => fileInput.current?.focus())
        },
        onError: (failure) => {
          setConfirming(null)
          fail(refusalOf(failure))
        },
      },
    )
  }

  return (
    <fieldset className="report-photos" aria-describedby={`${id}-count`}>
      <legend>形象进度照片</legend>
      <p id={`${id}-count`} className="photo-count">
        已上传 {photos.length}/{PHOTO_LIMITS.perReport} 张
      </p>
      {photos.length > 0 && (
        <PhotoGallery
          photos={shownPhotos(photos, month)}
          label="已上传的照片"
          details
          renderExtra={(photo) =>
            !editable ? null : confirming === photo.id ? (
              <div className="photo-confirm" role="group" aria-label={`确认删除照片：${photo.caption}`}>
                <span>删除这张照片？</span>
                <button type="button" className="button button-danger" disabled={busy} onClick={() => erase(photo)}>
                  {remove.isPending ? '正在删除…' : '确认删除'}
                </button>
                <button type="button" className="button" disabled={remove.isPending} onClick={() => setConfirming(null)}>
                  不删除
                </button>
              </div>
            ) : (
              <button type="button" className="button button-link" disabled={busy} onClick={() => setConfirming(photo.id)}>
                删除<span className="sr-only">照片：{photo.caption}</span>
              </button>
            )
          }
        />
      )}
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      {!editable ? (
        <p className="field-hint" role="note">
          月报已{status === 'approved' ? '审核通过' : '提交'}，照片不能再修改。
        </p>
      ) : full ? (
        <p className="field-hint" role="note">
          已达每份月报 {PHOTO_LIMITS.perReport} 张的上限，如需更换请先删除一张。
        </p>
      ) : (
        <p className="field-hint">
          JPG、PNG 或 WebP 格式，每张不超过 {PHOTO_LIMITS.maxBytes / MB} MB；苹果手机的 HEIC 照片请先转为 JPG。
        </p>
      )}
      <div className="form-grid photo-upload">
        {/* The browser's own file button speaks the browser's language (often English): ours says it in Chinese.
            The input stays the control (focusable, labelled, what a phone's camera and album answer); it is only hidden from sight. */}
        <div className="field file-field">
          <input
            ref={fileInput}
            id={`${id}-file`}
            className="file-input"
            type="file"
            accept={ACCEPT}
            disabled={closed || upload.isPending}
            aria-invalid={error?.file ? true : undefined}
            aria-describedby={[`${id}-file-chosen`, error?.file ? `${id}-file-error` : null].filter(Boolean).join(' ')}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setDone(null)
            }}
          />
          <label htmlFor={`${id}-file`} className={`button file-button${closed || upload.isPending ? ' is-disabled' : ''}`}>
            选择照片
          </label>
          <span id={`${id}-file-chosen`} className="field-hint">
            {file ? `已选：${file.name}（${(file.size / MB).toFixed(1)} MB）` : '未选择照片（手机上可拍照或从相册选择）'}
          </span>
          {error?.file && (
            <span id={`${id}-file-error`} className="field-error">
              {error.file}
            </span>
          )}
        </div>
        <FormField
          id={`${id}-caption`}
          label="图片说明"
          error={error?.caption}
          hint={`必填，说明拍的是什么（已输入 ${caption.trim().length}/${PHOTO_LIMITS.captionMax} 字）`}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              maxLength={PHOTO_LIMITS.captionMax}
              disabled={closed || upload.isPending}
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              onKeyDown={onCaptionKey}
            />
          )}
        </FormField>
      </div>
      {error && (
        <p ref={errorRef} className="form-alert" role="alert" tabIndex={-1}>
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" disabled={closed || busy} onClick={send}>
          {upload.isPending ? '正在上传…' : '上传照片'}
        </button>
        {upload.isPending && (
          <span className="photo-progress" role="status">
            <progress aria-label="上传进度" />
            正在上传并处理照片，请稍候…
          </span>
        )}
      </div>
    </fieldset>
  )
}

/** Thumbnails in a row of the month's queue (the viewer opened from one goes through all of them). */
const QUEUE_THUMBS = 3

/** A report's photos in the month's queue: small thumbnails that open large, and the count of early ones in words. */
export function QueuePhotos({ photos, month, projectName }: { photos: readonly ReportPhoto[]; month: string; projectName: string }) {
  if (photos.length === 0) return <span className="field-hint">无照片</span>
  const early = photos.filter((p) => p.takenEarly).length
  return (
    <div className="queue-photos">
      <PhotoGallery photos={shownPhotos(photos, month)} label={`${projectName}的形象进度照片（${photos.length} 张）`} compact limit={QUEUE_THUMBS} />
      <small className="cell-words">
        {photos.length > QUEUE_THUMBS ? `共 ${photos.length} 张，点开可逐张查看` : `${photos.length} 张`}
        {early > 0 && (
          <span className="tag tag-warn">
            <span aria-hidden="true">⚠ </span>
            {early} 张拍摄时间较早
          </span>
        )}
      </small>
    </div>
  )
}
