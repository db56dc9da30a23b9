import { importPaths } from '@/contract/imports'
import { parseReportMonth } from '@/domain/monthly-report'
import { uploadReports } from '../api/imports'
import { WorkbookImport } from './workbook-import'

/**
 * 用 Excel 填报月报: the month's template lists the projects the account reports for (an owner unit: its
 * own; the staff: all, on the owners' behalf); every filled-in row becomes a submitted report for review.
 */
export function ReportImport({ month }: { month: string }) {
  const { year, month: m } = parseReportMonth(month)
  const title = `${year}年${m}月`
  return (
    <WorkbookImport
      prepare={{
        title: '第一步：下载本月模板',
        templateHref: `${importPaths.reportTemplate}?month=${month}`,
        templateLabel: `下载${title}月报模板（.xlsx）`,
        text: '模板已列出本账户可填报的项目，灰色列为参考数据。当月完成投资、形象进度、形象进度描述都留空的行视为本次不填报。',
      }}
      fileLabel={`选择填好的${title}月报文件`}
      upload={uploadReports(month)}
      wouldDo={(s) => `将提交 ${s.created} 份新月报，${s.updated} 份草稿或已退回的月报改为提交，${s.unchanged} 份已提交且没有变化。`}
      did={(s) => `已导入 ${s.rows} 行：提交 ${s.created + s.updated} 份月报（其中 ${s.updated} 份为原草稿或已退回），${s.unchanged} 份没有变化。月报经发改委审核通过后计入统计。`}
      next={(restart) => restart}
    />
  )
}
