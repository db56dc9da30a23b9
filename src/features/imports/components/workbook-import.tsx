import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import type { ImportSummary } from '@/contract/imports'
import { SHEET_LIMITS } from '@/domain/sheet'
import { Section } from '@/components/page-header'
import { TableScroll } from '@/components/table-scroll'
import { ApiRequestError } from '@/lib/api-client'

type Step =
  | { kind: 'choose' }
  | { kind: 'checking' }
  | { kind: 'checked'; file: File; summary: ImportSummary }
  | { kind: 'importing'; file: File; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary }

/** What differs between imports: the template, the upload, and the words for what a file does. */
export type WorkbookImportProps = {
  /** Step one: the template link and what to put in it. */
  prepare: { title: string; templateHref: string; templateLabel: string; text: ReactNode }
  fileLabel: string
  upload: (file: File, dryRun: boolean) => Promise<{ status: number; body: ImportSummary }>
  /** What a checked file without errors would do. */
  wouldDo: (summary: ImportSummary) => string
  /** What an import did, and where to look next. */
  did: (summary: ImportSummary) => string
  next: (restart: ReactNode) => ReactNode
}

/**
 * An import from Excel: choose the workbook, check it (nothing is written; every error listed by row and
 * column), then confirm — all rows in one go, or none. The same file imported again changes nothing.
 */
export function WorkbookImport({ prepare, fileLabel, upload, wouldDo, did, next }: WorkbookImportProps) {
  const queryClient = useQueryClient()
  const inputId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const [error, setError] = useState<string | null>(null)

  const check = async (file: File) => {
    setError(null)
    if (!/\.xlsx$/i.test(file.name)) {
      setError('请选择 .xlsx 格式的 Excel 文件（可先下载导入模板）')
      return
    }
    if (file.size > SHEET_LIMITS.maxBytes) {
      setError(`文件超过 ${SHEET_LIMITS.maxBytes / 1024 / 1024} MB，请分批导入`)
      return
    }
    setStep({ kind: 'checking' })
    try {
      const { body } = await upload(file, true)
      setStep({ kind: 'checked', file, summary: body })
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : '检查失败，请重试')
      setStep({ kind: 'choose' })
    }
  }

  const confirm = async (file: File, summary: ImportSummary) => {
    setError(null)
    setStep({ kind: 'importing', file, summary })
    try {
      const { status, body } = await upload(file, false)
      if (status === 422) {
        // The list changed since the check (someone else edited): show the new errors; nothing was written.
        setStep({ kind: 'checked', file, summary: body })
        return
      }
      setStep({ kind: 'done', summary: body })
      // Every figure may have changed.
      await queryClient.invalidateQueries()
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : '导入失败，未写入任何数据，请重试')
      setStep({ kind: 'checked', file, summary })
    }
  }

  const restart = () => {
    setStep({ kind: 'choose' })
    setError(null)
    if (input.current) input.current.value = ''
  }

  return (
    <div className="stack">
      <Section title={prepare.title}>
        <p>
          <a className="button" href={prepare.templateHref} download>
            {prepare.templateLabel}
          </a>{' '}
          {prepare.text}
        </p>
      </Section>
      <Section title="第二步：检查文件">
        <div className="field">
          <label htmlFor={inputId}>{fileLabel}</label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={step.kind === 'checking' || step.kind === 'importing'}
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) void check(file)
            }}
          />
        </div>
        <p className="muted">检查只读取文件，不写入任何数据。</p>
        {step.kind === 'checking' && <p role="status">正在检查文件…</p>}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
      </Section>
      {(step.kind === 'checked' || step.kind === 'importing') && (
        <Section title="第三步：确认导入">
          <CheckResult summary={step.summary} fileName={step.file.name} wouldDo={wouldDo} />
          {step.summary.errors.length === 0 ? (
            <p>
              <button type="button" className="button button-primary" disabled={step.kind === 'importing'} onClick={() => void confirm(step.file, step.summary)}>
                {step.kind === 'importing' ? '正在导入…' : `确认导入（${step.summary.rows} 行）`}
              </button>{' '}
              <button type="button" className="button" onClick={restart}>
                重新选择文件
              </button>
            </p>
          ) : (
            <p>
              请在 Excel 中按上表修改后重新选择文件。{' '}
              <button type="button" className="button" onClick={restart}>
                重新选择文件
              </button>
            </p>
          )}
        </Section>
      )}
      {step.kind === 'done' && (
        <Section title="导入完成">
          <p role="status" className="notice notice-ok">
            {did(step.summary)}
          </p>
          <p>
            {next(
              <button type="button" className="button button-link" onClick={restart}>
                再导入一个文件
              </button>,
            )}
          </p>
        </Section>
      )}
    </div>
  )
}

function CheckResult({ summary, fileName, wouldDo }: { summary: ImportSummary; fileName: string; wouldDo: (summary: ImportSummary) => string }) {
  if (summary.errors.length === 0) {
    return (
      <p role="status" className="notice notice-ok">
        “{fileName}”共 {summary.rows} 行，没有错误：{wouldDo(summary)}
      </p>
    )
  }
  return (
    <>
      <p role="alert" className="notice notice-error">
        “{fileName}”共 {summary.rows} 行，发现 {summary.errors.length} 处错误。有错误时不会导入任何一行。
      </p>
      <TableScroll label="文件中的错误">
        <table className="table table-compact">
          <caption className="sr-only">文件中的错误（按行号）</caption>
          <thead>
            <tr>
              <th scope="col" className="num">行号</th>
              <th scope="col">列</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {summary.errors.map((e, i) => (
              <tr key={`${e.row}-${e.column}-${i}`}>
                <td className="num">{e.row === 1 ? '表头' : e.row}</td>
                <th scope="row">{e.column}</th>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
