import { useQuery } from '@tanstack/react-query'
import { CreateApprovalKindSchema, UpdateApprovalKindSchema, type ApprovalKind } from '@/contract/approvals'
import { KeptList, type KeptChange, type KeptMutation } from '@/components/kept-list'
import { useCan } from '@/lib/session'
import { approvalQueries, useCreateApprovalKind, useUpdateApprovalKind } from '../api/approvals'

const WORDS = {
  title: '前期手续类别',
  noun: '前期手续',
  note: '每个项目按启用的手续逐项填写；已停用的手续不再填写，已填的记录保留',
  column: '手续',
  newNameLabel: '新手续名称',
  addButton: '新增手续',
  hint: '最长 40 个字；同名的手续（含已停用的）不能重复',
}

/**
 * 前期手续类别, the approvals every project is asked for (decision 80), kept by the staff in 口径说明 as the 问题类别
 * are (decision 79): a retired kind is asked for no more, and the records of it stay.
 */
export function ApprovalKinds() {
  const mayEdit = useCan('project:edit')
  const query = useQuery(approvalQueries.kinds())
  const update = useUpdateApprovalKind()
  const create = useCreateApprovalKind()
  const updateEntry: KeptMutation<KeptChange<ApprovalKind>, ApprovalKind> = {
    isPending: update.isPending,
    mutate: ({ entry, ...change }, options) => update.mutate({ kind: entry.kind, ...change }, options),
  }
  return (
    <KeptList
      words={WORDS}
      keyOf={(kind) => kind.kind}
      query={query}
      mayEdit={mayEdit}
      update={updateEntry}
      create={create}
      updateSchema={UpdateApprovalKindSchema}
      createSchema={CreateApprovalKindSchema}
    />
  )
}
