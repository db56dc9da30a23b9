import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ProjectEscalationSchema, escalationPaths, type EscalationAction, type EscalationDecision } from '@/contract/escalation'
import { apiSend } from '@/lib/api-client'

/**
 * 确认挂牌, 不予挂牌, 摘牌 (decision 76). The mark is on every list, the overview and the 待办: everything is read
 * again after the write (after a 409 too, so the form shows the escalation as it now stands).
 */
export function useEscalationStep(projectId: string, action: EscalationAction) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: EscalationDecision) => apiSend('POST', escalationPaths[action](projectId), body, ProjectEscalationSchema),
    onSettled: () => queryClient.invalidateQueries(),
  })
}
