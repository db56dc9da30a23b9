export * from './vocabulary'
export * from './project'
export * from './api'
export * from './parse'
