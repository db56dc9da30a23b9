// Imports nothing it may not: must pass.
export const clean = (n: number) => n * 2
