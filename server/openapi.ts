import { z } from 'zod'
import {
  ApiErrorSchema,
  AsOfQuerySchema,
  FilterOptionsSchema,
  ProjectDetailSchema,
  ProjectListQuerySchema,
  ProjectListSchema,
  SummarySchema,
  ZoneDetailSchema,
  ZoneListSchema,
  apiRoutes,
} from '@/contract'

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })

/** Query parameters of an endpoint, from the contract's (strict) query schema. */
function queryParameters(schema: z.ZodObject) {
  const input = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>
  }
  return Object.entries(input.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }))
}

const errors = {
  '400': { description: '参数无效', content: { 'application/json': { schema: json(ApiErrorSchema) } } },
}
const notFound = {
  '404': { description: '不存在', content: { 'application/json': { schema: json(ApiErrorSchema) } } },
}
const ok = (description: string, schema: z.ZodType) => ({
  '200': { description, content: { 'application/json': { schema: json(schema) } } },
})
const toOpenApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}')
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })

/** OpenAPI 3.1 description of the API, generated from the zod contract. */
export function openApiDocument() {
  const asOf = queryParameters(AsOfQuerySchema)
  return {
    openapi: '3.1.0',
    info: {
      title: '南岸区重点项目进度监测 API',
      version: '1.0.0',
      description: '金额均为整数万元（字段名以 Wan 结尾）；比率 1 = 100%；差值单位为个百分点。错误统一为 { error: { code, message, fields? } }。未知查询参数会被拒绝。',
    },
    paths: {
      [apiRoutes.summary]: {
        get: { summary: '总览：合计、分组、逐月与欠序时进度最多的项目', parameters: asOf, responses: { ...ok('总览', SummarySchema), ...errors } },
      },
      [apiRoutes.zones]: {
        get: { summary: '各片区合计与排名', parameters: asOf, responses: { ...ok('片区列表', ZoneListSchema), ...errors } },
      },
      [toOpenApiPath(apiRoutes.zone)]: {
        get: {
          summary: '一个片区',
          parameters: [pathParam('zoneId', '片区编号，如 nanping'), ...asOf],
          responses: { ...ok('片区', ZoneDetailSchema), ...errors, ...notFound },
        },
      },
      [apiRoutes.projects]: {
        get: {
          summary: '项目列表：筛选、排序、分页，以及筛选结果的合计',
          parameters: queryParameters(ProjectListQuerySchema),
          responses: { ...ok('项目列表', ProjectListSchema), ...errors },
        },
      },
      [toOpenApiPath(apiRoutes.project)]: {
        get: {
          summary: '一个项目的全部字段（含来源标注）与截至月份的判断',
          parameters: [pathParam('projectId', '项目编号，如 P001'), ...asOf],
          responses: { ...ok('项目', ProjectDetailSchema), ...errors, ...notFound },
        },
      },
      [apiRoutes.filterOptions]: {
        get: { summary: '筛选项：片区、业主单位、责任单位', responses: { ...ok('筛选项', FilterOptionsSchema) } },
      },
      '/api/health': { get: { summary: '健康检查（含数据库可达性）', responses: { '200': { description: '正常' }, '503': { description: '数据库不可达' } } } },
    },
  }
}
