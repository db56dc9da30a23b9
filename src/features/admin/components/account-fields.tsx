import { useQuery } from '@tanstack/react-query'
import { ROLES, type Role } from '@/contract'
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/domain/access'
import { adminQueries } from '../api/accounts'
import { FormField } from '@/components/form-field'

export type AccountDraft = { displayName: string; role: Role | ''; ownerUnit: string; unit: string }

/** The owner-unit binding the API expects: a unit for an owner account (null if none picked), none otherwise. */
export const ownerUnitOf = (draft: AccountDraft) => (draft.role === 'owner' ? draft.ownerUnit || null : null)

/** The 所在单位 the API expects: none for an owner account (its unit is its 业主单位), null when left empty. */
export const unitOf = (draft: AccountDraft) => (draft.role === 'owner' ? null : draft.unit.trim() || null)

/** 姓名, 角色 (with what the role may do), and the unit: an owner account's 业主单位, any other's 所在单位. */
export function AccountFields({
  idPrefix,
  draft,
  onChange,
  fields,
  roleLocked,
}: {
  idPrefix: string
  draft: AccountDraft
  onChange: (next: AccountDraft) => void
  fields: Record<string, string>
  /** An admin editing itself keeps its role (the server refuses to lock it out). */
  roleLocked?: boolean
}) {
  const units = useQuery({ ...adminQueries.ownerUnits(), enabled: draft.role === 'owner' })
  return (
    <>
      <FormField id={`${idPrefix}-displayName`} label="姓名" error={fields.displayName}>
        {(props) => (
          <input {...props} value={draft.displayName} onChange={(e) => onChange({ ...draft, displayName: e.target.value })} />
        )}
      </FormField>
      <FormField
        id={`${idPrefix}-role`}
        label="角色"
        error={fields.role}
        hint={roleLocked ? '不能更改自己的管理员角色' : draft.role ? ROLE_DESCRIPTIONS[draft.role] : '请选择角色，选定后显示该角色的权限'}
      >
        {(props) => (
          <select
            {...props}
            value={draft.role}
            disabled={roleLocked}
            onChange={(e) => onChange({ ...draft, role: e.target.value as Role | '' })}
          >
            <option value="">请选择角色</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {draft.role !== 'owner' && (
        <FormField id={`${idPrefix}-unit`} label="所在单位" error={fields.unit} hint="如 区发改委；操作日志在姓名旁显示">
          {(props) => <input {...props} value={draft.unit} onChange={(e) => onChange({ ...draft, unit: e.target.value })} />}
        </FormField>
      )}
      {draft.role === 'owner' && (
        <FormField
          id={`${idPrefix}-ownerUnit`}
          label="业主单位"
          error={fields.ownerUnit ?? (units.isError ? '业主单位列表加载失败，请刷新页面重试' : undefined)}
          hint="业主单位账户只能填报本单位项目的月报"
        >
          {(props) => (
            <select {...props} value={draft.ownerUnit} disabled={units.isPending} onChange={(e) => onChange({ ...draft, ownerUnit: e.target.value })}>
              <option value="">{units.isPending ? '正在加载…' : '请选择业主单位'}</option>
              {/* A unit no longer in the list stays selectable, so an edit never drops it unseen. */}
              {draft.ownerUnit && !units.data?.items.includes(draft.ownerUnit) && <option value={draft.ownerUnit}>{draft.ownerUnit}</option>}
              {units.data?.items.map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
    </>
  )
}
