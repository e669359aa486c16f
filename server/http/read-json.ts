/** Reads and validates a JSON body: not JSON, or not what the schema says → 400 with a message. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { z } from 'zod'

export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new HTTPException(400, { message: 'The request body must be JSON' })
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    throw new HTTPException(400, { message: `${where}${issue?.message ?? 'invalid body'}` })
  }
  return parsed.data
}
