// The reference of tests/bench/versus-reference.bench.ts: @y/websocket-server 0.1.1 (the last release
// on yjs 13) as its own bin/server.js runs it — `setupWSConnection` on every upgrade, documents kept
// in memory (no YPERSISTENCE), no auth — in a child process of its own, on an ephemeral port.
//
// Two additions, neither on the sync path: an 'error' listener on every socket (the package adds
// none, and an unhandled socket error would end the process), and `GET /_bench/stats` answering
// this process's CPU time, RSS and document count, the same figures the bench reads for ours.
// It prints {"listening":true,"port":N} once it listens, like the Atelier server's log line.
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { docs, setupWSConnection } from '@y/websocket-server/utils'

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (ws, request) => {
  ws.on('error', () => {})
  setupWSConnection(ws, request)
})

const server = http.createServer((request, response) => {
  if (request.url === '/_bench/stats') {
    const cpu = process.cpuUsage()
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss, docs: docs.size }))
    return
  }
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('okay')
})

server.on('upgrade', (request, socket, head) => {
  socket.on('error', () => socket.destroy())
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})

server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: true, port: server.address().port }))
})

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
