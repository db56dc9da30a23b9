// The app importing the server: must fail with import-x/no-restricted-paths.
import { handle } from '../../server/handler'

export const page = handle('/')
