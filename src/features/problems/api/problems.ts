import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ProblemSchema } from '@/contract'
import { OverdueProblemListSchema, ProblemCategoryListSchema, ProblemCategorySchema, problemPaths, type AssignProblem, type CreateProblem, type CreateProblemCategory, type ResolveProblem, type UpdateProblemCategory } from '@/contract/problems'
import { apiGet, apiSend } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

export const problemQueries = {
  all: ['problems'] as const,
  /** Overdue as of the end of the month in view (undefined: the latest published month). */
  overdue: (asOf: string | undefined) =>
    queryOptions({
      queryKey: [...problemQueries.all, 'overdue', asOf],
      queryFn: ({ signal }) => apiGet(problemPaths.overdue, OverdueProblemListSchema, asOfQuery(asOf), signal),
    }),
  /** 问题类别: the staff's list (the problem form offers its active ones). */
  categories: () =>
    queryOptions({
      queryKey: [...problemQueries.all, 'categories'],
      queryFn: ({ signal }) => apiGet(problemPaths.categories, ProblemCategoryListSchema, undefined, signal),
    }),
}

/** A problem step changes the project page and the overdue list: everything is read again (after a 409 too). */
function useProblemMutation<TInput>(mutationFn: (input: TInput) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries() })
}

export const useCreateProblem = () =>
  useProblemMutation(({ projectId, ...input }: CreateProblem & { projectId: string }) => apiSend('POST', problemPaths.create(projectId), input, ProblemSchema))

export const useAssignProblem = () =>
  useProblemMutation(({ projectId, problemId, ...input }: AssignProblem & { projectId: string; problemId: string }) =>
    apiSend('POST', problemPaths.action(projectId, problemId, 'assign'), input, ProblemSchema),
  )

export const useResolveProblem = () =>
  useProblemMutation(({ projectId, problemId, ...input }: ResolveProblem & { projectId: string; problemId: string }) =>
    apiSend('POST', problemPaths.action(projectId, problemId, 'resolve'), input, ProblemSchema),
  )

/** A change to the category list: the list is read again (after a 409 too, so the current state shows). */
function useCategoryMutation<TInput, TAnswer>(mutationFn: (input: TInput) => Promise<TAnswer>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: problemQueries.categories().queryKey }) })
}

export const useCreateCategory = () => useCategoryMutation((input: CreateProblemCategory) => apiSend('POST', problemPaths.categories, input, ProblemCategorySchema))

export const useUpdateCategory = () =>
  useCategoryMutation(({ id, ...input }: UpdateProblemCategory & { id: number }) => apiSend('PATCH', problemPaths.category(id), input, ProblemCategorySchema))
