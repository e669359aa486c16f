/**
 * A request body read as a stream with a size limit enforced while reading: a declared
 * Content-Length above it is refused before a byte is read, a chunked body as soon as it passes it
 * (413, then the rest of the upload is drained or closed without being kept). Used for JSON
 * bodies (read-json.ts) and image uploads (logos-routes.ts).
 */
import { HTTPException } from 'hono/http-exception'

/** The body's chunks, in order; throws 413 (`tooLargeMessage`) past `maxBytes`, 400 if it cannot be read. */
export async function* limitedBodyChunks(request: Request, maxBytes: number, tooLargeMessage: string): AsyncGenerator<Uint8Array> {
  const tooLarge = () => new HTTPException(413, { message: tooLargeMessage })
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge()
  if (!request.body) return
  const reader = request.body.getReader()
  let total = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      throw new HTTPException(400, { message: 'The request body could not be read' })
    }
    if (chunk.done) return
    total += chunk.value.byteLength
    if (total > maxBytes) {
      reader.cancel().catch(() => {})
      throw tooLarge()
    }
    yield chunk.value
  }
}

/** The whole body as bytes, within `maxBytes`. */
export async function readBytesLimited(request: Request, maxBytes: number, tooLargeMessage: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const chunk of limitedBodyChunks(request, maxBytes, tooLargeMessage)) parts.push(chunk)
  return Buffer.concat(parts)
}
