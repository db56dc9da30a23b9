/** A readable page for /api/docs, drawn from the OpenAPI document (no external assets). */
export function apiDocsPage(doc: { info: { title: string; description: string }; paths: Record<string, Record<string, { summary: string; parameters?: { name: string; in: string; description?: string; schema?: unknown }[] }>> }) {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
  const describe = (schema: unknown): string => {
    const s = schema as { enum?: unknown[]; type?: string; pattern?: string; maximum?: number; maxLength?: number } | undefined
    if (!s) return ''
    if (s.enum) return s.enum.map(String).join(' | ')
    return [s.type, s.pattern ? `格式 ${s.pattern}` : '', s.maxLength ? `≤ ${s.maxLength} 字` : '', s.maximum ? `≤ ${s.maximum}` : '']
      .filter(Boolean)
      .join('，')
  }
  const sections = Object.entries(doc.paths)
    .map(([path, methods]) =>
      Object.entries(methods)
        .map(([method, op]) => {
          const params = (op.parameters ?? [])
            .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${p.in === 'path' ? '路径' : '查询'}</td><td>${escape(p.description ?? describe(p.schema))}</td></tr>`)
            .join('')
          return `<section><h2><code>${method.toUpperCase()} ${escape(path)}</code></h2><p>${escape(op.summary)}</p>${
            params ? `<table><thead><tr><th>参数</th><th>位置</th><th>说明</th></tr></thead><tbody>${params}</tbody></table>` : ''
          }</section>`
        })
        .join(''),
    )
    .join('')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(doc.info.title)}</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:960px;margin:0 auto;padding:16px;line-height:1.6;color:#1a2433}code{background:#f1f4f8;padding:1px 4px;border-radius:4px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dfe4ec;padding:4px 8px;text-align:left;vertical-align:top}section{margin:24px 0}</style></head>
<body><h1>${escape(doc.info.title)}</h1><p>${escape(doc.info.description)}</p><p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a></p>${sections}</body></html>`
}
