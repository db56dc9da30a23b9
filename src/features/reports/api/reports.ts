import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  ReportListSchema,
  ReportQueueSchema,
  ReportSchema,
  reportPaths,
  type CommissionConfidence,
  type Report,
  type SaveReport,
} from '@/contract/reports'
import { MonthStateSchema, monthPaths } from '@/contract/months'
import { apiGet, apiSend } from '@/lib/api-client'

export const reportQueries = {
  all: ['reports'] as const,
  ofProject: (projectId: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'project', projectId],
      queryFn: ({ signal }) => apiGet(reportPaths.list(projectId), ReportListSchema, undefined, signal),
    }),
  month: (month: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'month', month],
      queryFn: ({ signal }) => apiGet(reportPaths.month, ReportQueueSchema, { month }, signal),
    }),
  /** A month's publication state and counts (staff: GET /api/months/:month). */
  monthState: (month: string) =>
    queryOptions({
      queryKey: [...reportQueries.all, 'month-state', month],
      queryFn: ({ signal }) => apiGet(monthPaths.one(month), MonthStateSchema, undefined, signal),
    }),
}

/** 发布 a month (staff): every reader's default month moves to it, so everything on screen is read again. */
export function usePublishMonth() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ month, comment }: { month: string; comment?: string }) => apiSend('POST', monthPaths.publish(month), comment ? { comment } : {}, MonthStateSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
}

/**
 * After any report write everything on screen is read again (after a 409 too, so the page shows what the
 * server holds): the reports, the change history, and after an approval the figures and the latest month.
 */
function useReportMutation<TInput>(mutationFn: (input: TInput) => Promise<Report>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries() })
}

type Target = { projectId: string; month: string }

export const useSaveReport = () =>
  useReportMutation(({ projectId, month, ...body }: Target & SaveReport) => apiSend('PUT', reportPaths.one(projectId, month), body, ReportSchema))

export const useSubmitReport = () =>
  useReportMutation(({ projectId, month, version }: Target & { version: number }) =>
    apiSend('POST', reportPaths.action(projectId, month, 'submit'), { version }, ReportSchema),
  )

export const useReviewReport = () =>
  useReportMutation(
    ({ projectId, month, version, action, comment }: Target & { version: number; action: 'approve' | 'return'; comment?: string }) =>
      apiSend('POST', reportPaths.action(projectId, month, action), { version, ...(comment ? { comment } : {}) }, ReportSchema),
  )

/** The commission's own 完成信心 beside the owner's (staff; decision 74). */
export const useCommissionConfidence = () =>
  useReportMutation(({ projectId, month, ...body }: Target & CommissionConfidence) =>
    apiSend('PUT', reportPaths.commissionConfidence(projectId, month), body, ReportSchema),
  )
