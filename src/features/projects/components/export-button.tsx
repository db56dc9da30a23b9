import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ProjectFilters } from '@/contract'
import { exportHeader, exportRow, listTitle, type ListKind } from '@/domain/list-export'
import { ApiRequestError } from '@/lib/api-client'
import { toCsv, downloadText, type CsvCell } from '@/lib/csv'
import { monthRange } from '@/lib/format'
import { fetchAllProjects } from '../api/fetch-all'
import { toProjectListParams } from '@/config/project-lists'
import { importPaths } from '@/contract/imports'
import { toSearch } from '@/lib/api-client'
import { env } from '@/config/env'

/** Export exactly the filtered, sorted list on screen (every page of it) as CSV. */
export function ExportButton({ filters, total, kind }: { filters: ProjectFilters; total: number; kind: ListKind }) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })

  const exportAll = async () => {
    setState({ busy: true, error: null })
    try {
      const { items, month, planYear, simulatedNotice } = await fetchAllProjects(queryClient, filters)
      // The API's provenance travels with the file: a spreadsheet cannot lose that the figures are simulated.
      const note: CsvCell[] = [
        [`数据截至${planYear}年${monthRange(month)}；金额单位万元`, simulatedNotice ?? '各项数据均为报送数据'].join('；'),
      ]
      downloadText(`${listTitle(kind)}_${planYear}年${monthRange(month)}.csv`, toCsv([note, exportHeader('csv'), ...items.map((item) => exportRow(item, 'csv'))]))
      setState({ busy: false, error: null })
    } catch (error) {
      setState({ busy: false, error: error instanceof ApiRequestError ? error.message : '导出失败，请重试' })
    }
  }

  return (
    <span className="export">
      {/* The workbook is made on the server (exceljs stays out of the browser): a plain download link. */}
      {env.VITE_API_MODE !== 'mock' && (
        <a className="button" href={`${importPaths.exportProjects}${toSearch(toProjectListParams({ ...filters, page: undefined, pageSize: undefined }))}`} download>
          导出 Excel（{total} 个项目）
        </a>
      )}
      <button type="button" className="button" onClick={() => void exportAll()} disabled={state.busy || total === 0}>
        {state.busy ? '正在导出…' : `导出 CSV（${total} 个项目）`}
      </button>
      {state.error && (
        <span role="alert" className="neg">
          {state.error}
        </span>
      )}
    </span>
  )
}
