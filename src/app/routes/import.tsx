import { PageHeader } from '@/components/page-header'
import { env } from '@/config/env'
import { LedgerImport } from '@/features/imports/components/ledger-import'

/** 导入项目台账 (staff): the ledger from Excel into the project list, checked first, all or nothing. */
export function Component() {
  return (
    <>
      <title>导入项目台账 · 南岸区重点项目进度监测</title>
      <PageHeader title="导入项目台账" subtitle="从 Excel 台账新增或更新重点项目：先检查，确认后一次性导入，有任何错误则不导入" />
      {env.VITE_API_MODE === 'mock' ? (
        <p className="notice" role="status">
          演示版（浏览器内模拟数据，没有服务器）不支持 Excel 导入。请在服务器版中使用：npm start 后以发改委工作人员账户登录。
        </p>
      ) : (
        <LedgerImport />
      )}
    </>
  )
}
