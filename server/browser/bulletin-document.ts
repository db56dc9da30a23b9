import { NotAvailableHere } from '../routes/context'

/**
 * server/docx/bulletin-document.ts in the backend-free demo (vite.config.ts, `BROWSER_SEAMS`): the Word document
 * is written on a server only, so the docx package stays out of the demo's bundle. The demo runs the route —
 * access rules, the bulletin read and all — and answers 501 with this message where the document would be made.
 */
const notInDemo = (): never => {
  throw new NotAvailableHere('演示版（浏览器内模拟数据）不支持下载 Word 文档，请在服务器版中使用')
}

export const bulletinDocument = notInDemo

// Every value the real module exports has its stand-in here (tsc checks it; the import is types only).
const standsIn: { [K in keyof typeof import('../docx/bulletin-document')]: unknown } = { bulletinDocument }
void standsIn
