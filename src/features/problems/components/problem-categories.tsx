import { useQuery } from '@tanstack/react-query'
import { CreateProblemCategorySchema, UpdateProblemCategorySchema, type ProblemCategory } from '@/contract/problems'
import { KeptList, type KeptChange, type KeptMutation } from '@/components/kept-list'
import { useCan } from '@/lib/session'
import { problemQueries, useCreateCategory, useUpdateCategory } from '../api/problems'

const WORDS = {
  title: '问题类别',
  noun: '问题类别',
  note: '登记问题时从启用的类别中选择；已停用的类别仍保留在用过它的问题上',
  column: '类别',
  newNameLabel: '新类别名称',
  addButton: '新增类别',
  hint: '最长 40 个字；同名的类别（含已停用的）不能重复',
}

/**
 * 问题类别, the list a new problem is registered under (decision 79), kept by the staff in 口径说明: a new problem
 * picks from the categories in use; a retired one stays on the problems that used it.
 */
export function ProblemCategories() {
  const mayEdit = useCan('problem:manage')
  const query = useQuery(problemQueries.categories())
  const update = useUpdateCategory()
  const create = useCreateCategory()
  const updateEntry: KeptMutation<KeptChange<ProblemCategory>, ProblemCategory> = {
    isPending: update.isPending,
    mutate: ({ entry, ...change }, options) => update.mutate({ id: entry.id, ...change }, options),
  }
  return (
    <KeptList
      words={WORDS}
      keyOf={(category) => String(category.id)}
      query={query}
      mayEdit={mayEdit}
      update={updateEntry}
      create={create}
      updateSchema={UpdateProblemCategorySchema}
      createSchema={CreateProblemCategorySchema}
    />
  )
}
