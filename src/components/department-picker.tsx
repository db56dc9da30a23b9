import { useState } from 'react'
import { FormField } from '@/components/form-field'

/** The select's value for a department typed in by name (其他（请填写）). */
const OTHER = '__other__'

export type DepartmentChoice = {
  choice: string
  setChoice: (value: string) => void
  otherName: string
  setOtherName: (value: string) => void
  /** What is saved: the department picked, or the name typed under 其他. */
  department: string
}

/**
 * A department from the list, or 其他 and its name (督办部门, 办理部门): picked, not typed, so a typo makes no new
 * department (issue 26). One recorded earlier that is not on the list opens as 其他; while the list is still
 * loading (`listed` undefined) the recorded one is kept as it is.
 */
export function useDepartmentChoice(recorded: string, listed: readonly string[] | undefined): DepartmentChoice {
  const [choice, setChoice] = useState(() => (recorded === '' || !listed || listed.includes(recorded) ? recorded : OTHER))
  const [otherName, setOtherName] = useState(() => (choice === OTHER ? recorded : ''))
  return { choice, setChoice, otherName, setOtherName, department: choice === OTHER ? otherName : choice }
}

/** The select of departments with 其他（请填写）, and the name field when 其他 is picked; the error shows on the field in use. */
export function DepartmentPicker({
  id,
  label,
  listed,
  placeholder,
  state,
  error,
}: {
  id: string
  label: string
  listed: readonly string[]
  placeholder: string
  state: DepartmentChoice
  error: string | undefined
}) {
  const { choice, setChoice, otherName, setOtherName } = state
  // A department picked earlier that the list no longer has is still offered (until the list arrives, on its own).
  const options = choice !== '' && choice !== OTHER && !listed.includes(choice) ? [choice, ...listed] : listed
  return (
    <>
      <FormField id={`${id}-dept`} label={label} error={choice === OTHER ? undefined : error}>
        {(props) => (
          <select {...props} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{placeholder}</option>
            {options.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
            <option value={OTHER}>其他（请填写）</option>
          </select>
        )}
      </FormField>
      {choice === OTHER && (
        <FormField id={`${id}-dept-other`} label={`其他${label}名称`} error={error}>
          {(props) => <input {...props} value={otherName} onChange={(e) => setOtherName(e.target.value)} />}
        </FormField>
      )}
    </>
  )
}
