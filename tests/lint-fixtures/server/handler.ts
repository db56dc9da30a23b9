export const handle = (path: string) => `served ${path}`
