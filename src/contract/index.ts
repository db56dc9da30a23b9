import { config, locales } from 'zod'

// Validation messages in Chinese wherever the contract is used (UI, mocks, server). Called as `config`,
// not `z.config`: the client build takes every `z.…` call for pure (vite.config.ts), and this one is not.
config(locales.zhCN())

export * from './vocabulary'
export * from './project'
export * from './endpoints'
export * from './calendar'
export * from './errors'
export * from './api'
export * from './forecast'
export * from './parse'
export * from './auth'
