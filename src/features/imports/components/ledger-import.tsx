import { Link } from 'react-router'
import { importPaths, type ImportSummary } from '@/contract/imports'
import { paths } from '@/config/paths'
import { uploadLedger } from '../api/imports'
import { WorkbookImport } from './workbook-import'

/** What opening the next plan year means, said before the import is confirmed and after it is done. */
const opening = (year: number | undefined, when: string) =>
  year === undefined ? '' : `${when}开始 ${year} 年度：${year - 1} 年度转为已结束（数据保留，只能查看），未列入本台账的项目不在 ${year} 年度清单中。`

/** What the 前期手续 sheet does, when the file has one (decision 80). */
const approvalsText = (s: ImportSummary, when: '将' | '已') => (s.approvals && s.approvals.rows > 0 ? `前期手续 ${s.approvals.rows} 行：${when}更新 ${s.approvals.updated} 项，${s.approvals.unchanged} 项没有变化。` : '')

/** 导入项目台账: new 项目编号 are added, existing ones updated; checked first, all rows or none. */
export function LedgerImport() {
  return (
    <WorkbookImport
      prepare={{
        title: '第一步：准备台账',
        templateHref: importPaths.projectTemplate,
        templateLabel: '下载导入模板（.xlsx）',
        text: '模板第一行为列名，“填写说明”工作表列出每一列的含义和可选值。已有项目编号的行更新该项目，编号留空的行新增项目。前期手续可另加一个名为“前期手续”的工作表（列：项目编号、手续、状态、取得日期、文号、办理部门；与导出的项目清单第二个工作表相同）。',
      }}
      fileLabel="选择填好的台账文件"
      upload={uploadLedger}
      wouldDo={(s) => `将新增 ${s.created} 个项目，更新 ${s.updated} 个，${s.unchanged} 个没有变化。${approvalsText(s, '将')}${opening(s.opensYear, '导入后')}`}
      did={(s) => `已导入 ${s.rows} 行：新增 ${s.created} 个项目，更新 ${s.updated} 个，${s.unchanged} 个没有变化。${approvalsText(s, '已')}每一处修改都记入修改记录。${opening(s.opensYear, '已')}`}
      next={(restart) => (
        <>
          <Link to={paths.projects.getHref()}>查看项目库</Link> · <Link to={paths.history.getHref({ action: 'project.update' })}>查看修改记录</Link> · {restart}
        </>
      )}
    />
  )
}
