import { queryOptions } from '@tanstack/react-query'
import { authPaths } from '@/contract'
import { AuditListSchema, type AuditQuery } from '@/contract/accounts'
import { apiGet } from '@/lib/api-client'

export const historyQueries = {
  all: ['history'] as const,
  entries: (filters: Omit<AuditQuery, 'limit'>) =>
    queryOptions({
      queryKey: [...historyQueries.all, filters],
      queryFn: ({ signal }) => apiGet(authPaths.audit, AuditListSchema, { ...filters, limit: 200 }, signal),
    }),
}
