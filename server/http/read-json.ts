/** Reads and validates a JSON body: not JSON, or not what the schema says → 400 with a message. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { z } from 'zod'
import { limitedBodyChunks } from './read-body.ts'

export interface ReadJsonOptions {
  /**
   * Largest body accepted, enforced while reading: a declared Content-Length above it is refused
   * before a byte is read, a chunked body as soon as it passes it (413). Without it the body is read
   * whole (the app's general body limit applies).
   */
  maxBytes?: number
  /** The 413 message. */
  tooLargeMessage?: string
  /** An empty body (a stock client may send none) reads as `{}` instead of a 400. */
  emptyIsObject?: boolean
}

export async function readJson<T extends z.ZodType>(c: Context, schema: T, options: ReadJsonOptions = {}): Promise<z.infer<T>> {
  const text = options.maxBytes === undefined
    ? await c.req.text()
    : await readTextLimited(c.req.raw, options.maxBytes, options.tooLargeMessage)
  if (options.emptyIsObject && text.trim() === '') return parseOr400(schema, {})
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new HTTPException(400, { message: 'The request body must be JSON' })
  }
  return parseOr400(schema, body)
}

function parseOr400<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    throw new HTTPException(400, { message: `${where}${issue?.message ?? 'invalid body'}` })
  }
  return parsed.data
}

/** A request body as UTF-8 text, read as a stream and abandoned as soon as it exceeds `maxBytes` (413). */
export async function readTextLimited(request: Request, maxBytes: number, tooLargeMessage = 'Request body too large'): Promise<string> {
  const decoder = new TextDecoder('utf-8')
  const parts: string[] = []
  // Decoded as it arrives: the raw chunks are not all kept alongside the text.
  for await (const chunk of limitedBodyChunks(request, maxBytes, tooLargeMessage)) parts.push(decoder.decode(chunk, { stream: true }))
  parts.push(decoder.decode())
  return parts.join('')
}
