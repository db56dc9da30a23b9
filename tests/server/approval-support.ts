import type { Client } from './support'

/**
 * Approval PDFs for the tests (decision 83): a small but real PDF (one page, text), padded to a size when asked,
 * and the multipart upload the project page sends.
 */
export function samplePdf(title = '施工许可证', padTo = 0): Uint8Array {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% ${title}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n')
  const bytes = new TextEncoder().encode(body)
  if (padTo <= bytes.byteLength) return bytes
  // A comment line of spaces before the end: still a PDF's first bytes, of the size asked for.
  const padded = new Uint8Array(padTo).fill(0x20)
  padded.set(bytes.subarray(0, bytes.byteLength - 6))
  padded.set(new TextEncoder().encode('%%EOF\n'), padTo - 6)
  return padded
}

/** POST …/approvals/:kind/file as the page sends it: the file (its name and declared type as given), and the version when given. */
export function uploadApprovalFile(client: Client, projectId: string, kind: string, bytes: Uint8Array, { name = '批复.pdf', type = 'application/pdf', version }: { name?: string; type?: string; version?: number | string } = {}) {
  const form = new FormData()
  if (version !== undefined) form.append('version', String(version))
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name)
  return client.request(`/api/projects/${projectId}/approvals/${kind}/file`, { method: 'POST', body: form })
}
