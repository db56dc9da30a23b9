import { ApiRequestError } from './api-client'

/** A refused or failed write as a form shows it: one message for its summary and each field's own (decision 73). */
export type WriteFailure = { message: string; fields: Record<string, string> }

/**
 * What a form says when its write fails. No answer: the network (`offline`); 409: the server's words and that the page
 * now shows the current record (`refreshed`); a refusal naming fields: ask to mend them and `retry`; otherwise the
 * server's message.
 */
export function writeFailureOf(error: unknown, words: { refreshed: string; retry?: string; offline?: string }): WriteFailure {
  if (!(error instanceof ApiRequestError)) return { message: `${words.offline ?? '保存失败'}，请检查网络后重试`, fields: {} }
  if (error.status === 409) return { message: `${error.message}。${words.refreshed}`, fields: {} }
  return { message: error.fields ? `请按提示修改后重新${words.retry ?? '提交'}` : error.message, fields: error.fields ?? {} }
}
