import { useSyncExternalStore } from 'react'

const nothingToWatch = () => () => {}

/**
 * False while React adopts a page the server drew (decision 57), true after that and in any page the browser
 * draws itself. What the server cannot know (the browser's history state) is shown only once it is true,
 * so the adopted markup and the browser's first render are the same.
 */
export const useHydrated = () =>
  useSyncExternalStore(
    nothingToWatch,
    () => true,
    () => false,
  )
