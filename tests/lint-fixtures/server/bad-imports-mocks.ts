// The server importing the mocks: must fail with import-x/no-restricted-paths.
import { store } from '../mocks/store'

export const stored = store.size
