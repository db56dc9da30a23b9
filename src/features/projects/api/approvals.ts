import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  APPROVAL_FILE_FORM,
  ApprovalKindListSchema,
  ApprovalKindSchema,
  ApprovalListSchema,
  ApprovalSchema,
  approvalPaths,
  type CreateApprovalKind,
  type SaveApproval,
  type UpdateApprovalKind,
} from '@/contract/approvals'
import { apiGet, apiSend } from '@/lib/api-client'
import { apiSendForm } from '@/lib/api-upload'

/** 前期手续 (decision 80): a project's approvals and the list of kinds. */
export const approvalQueries = {
  all: ['approvals'] as const,
  list: (projectId: string) =>
    queryOptions({
      queryKey: [...approvalQueries.all, 'list', projectId],
      queryFn: ({ signal }) => apiGet(approvalPaths.list(projectId), ApprovalListSchema, undefined, signal),
    }),
  kinds: () =>
    queryOptions({
      queryKey: [...approvalQueries.all, 'kinds'],
      queryFn: ({ signal }) => apiGet(approvalPaths.kinds, ApprovalKindListSchema, undefined, signal),
      staleTime: 10 * 60_000,
    }),
}

/**
 * Save one approval. What is missing shows on the project's page, in the lists and in the bulletin: everything is
 * read again after the write (after a 409 too, so the form's list shows the approval as it now stands).
 */
export function useSaveApproval(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ kind, ...body }: SaveApproval & { kind: string }) => apiSend('PUT', approvalPaths.one(projectId, kind), body, ApprovalSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
}

/**
 * Attach (or replace) an approval's PDF on the version seen (decision 83). Everything is read again after it,
 * after a refusal too (a 409 shows the approval as it now stands).
 */
export function useAttachApprovalFile(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ kind, version, file }: { kind: string; version: number; file: File }) => {
      const form = new FormData()
      form.append(APPROVAL_FILE_FORM.version, String(version))
      form.append(APPROVAL_FILE_FORM.file, file)
      return apiSendForm(approvalPaths.file(projectId, kind), form, ApprovalSchema)
    },
    onSettled: () => queryClient.invalidateQueries(),
  })
}

/**
 * Take an approval's PDF off it, on the version seen (a change made meanwhile is 409). The file itself is kept
 * (the audit names it); everything is read again after it.
 */
export function useRemoveApprovalFile(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ kind, version }: { kind: string; version: number }) =>
      apiSend('DELETE', `${approvalPaths.file(projectId, kind)}?${new URLSearchParams({ version: String(version) })}`, null, ApprovalSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
}

/** The staff add a kind to the list; every project's approvals and the lists change with it. */
export function useCreateApprovalKind() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateApprovalKind) => apiSend('POST', approvalPaths.kinds, body, ApprovalKindSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
}

/** Rename, retire or bring back a kind, on the version seen. */
export function useUpdateApprovalKind() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ kind, ...body }: UpdateApprovalKind & { kind: string }) => apiSend('PATCH', approvalPaths.kind(kind), body, ApprovalKindSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
}
