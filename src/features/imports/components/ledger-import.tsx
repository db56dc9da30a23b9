import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import type { ImportSummary } from '@/contract/imports'
import { importPaths } from '@/contract/imports'
import { LEDGER_LIMITS } from '@/domain/ledger'
import { Section } from '@/components/page-header'
import { TableScroll } from '@/components/table-scroll'
import { paths } from '@/config/paths'
import { ApiRequestError } from '@/lib/api-client'
import { uploadLedger } from '../api/imports'

type Step =
  | { kind: 'choose' }
  | { kind: 'checking' }
  | { kind: 'checked'; file: File; summary: ImportSummary }
  | { kind: 'importing'; file: File; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary }

/**
 * 导入项目台账: choose the workbook, check it (nothing is written; every error listed by row and column),
 * then confirm — all rows in one go, or none. The same file imported again changes nothing.
 */
export function LedgerImport() {
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
    if (file.size > LEDGER_LIMITS.maxBytes) {
      setError(`文件超过 ${LEDGER_LIMITS.maxBytes / 1024 / 1024} MB，请分批导入`)
      return
    }
    setStep({ kind: 'checking' })
    try {
      const { body } = await uploadLedger(file, true)
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
      const { status, body } = await uploadLedger(file, false)
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
      <Section title="第一步：准备台账">
        <p>
          <a className="button" href={importPaths.projectTemplate} download>
            下载导入模板（.xlsx）
          </a>{' '}
          模板第一行为列名，“填写说明”工作表列出每一列的含义和可选值。已有项目编号的行更新该项目，编号留空的行新增项目。
        </p>
      </Section>
      <Section title="第二步：检查文件">
        <div className="field">
          <label htmlFor={inputId}>选择填好的台账文件</label>
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
          <CheckResult summary={step.summary} fileName={step.file.name} />
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
            已导入 {step.summary.rows} 行：新增 {step.summary.created} 个项目，更新 {step.summary.updated} 个，{step.summary.unchanged} 个没有变化。每一处修改都记入修改记录。
          </p>
          <p>
            <Link to={paths.projects.getHref()}>查看项目库</Link> · <Link to={paths.history.getHref({ action: 'project.update' })}>查看修改记录</Link> ·{' '}
            <button type="button" className="button button-link" onClick={restart}>
              再导入一个文件
            </button>
          </p>
        </Section>
      )}
    </div>
  )
}

function CheckResult({ summary, fileName }: { summary: ImportSummary; fileName: string }) {
  if (summary.errors.length === 0) {
    return (
      <p role="status" className="notice notice-ok">
        “{fileName}”共 {summary.rows} 行，没有错误：将新增 {summary.created} 个项目，更新 {summary.updated} 个，{summary.unchanged} 个没有变化。
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
