import { z } from 'zod'

// Validation messages in Chinese wherever the contract is used (UI, mocks, server).
z.config(z.locales.zhCN())

export * from './vocabulary'
export * from './project'
export * from './api'
export * from './parse'
export * from './auth'
