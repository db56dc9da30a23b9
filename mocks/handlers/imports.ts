import { importPaths } from '@/contract/imports'
import { errorResponse, route } from './respond'

/**
 * Excel in and out runs on the server only (exceljs stays out of the browser bundle): the backend-free
 * demo answers these routes, with the same access rules, by saying so.
 */
const notInDemo = () => errorResponse(501, 'not_available', '演示版（浏览器内模拟数据）不支持 Excel 导入导出，请在服务器版中使用')

export const importHandlers = [
  route('GET', importPaths.projectTemplate, notInDemo),
  route('POST', importPaths.projects, notInDemo),
  route('GET', importPaths.reportTemplate, notInDemo),
  route('POST', importPaths.reports, notInDemo),
  route('GET', importPaths.exportProjects, notInDemo),
  route('GET', importPaths.exportBulletin, notInDemo),
]
