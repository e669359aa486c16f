/** Entry point: read the environment, start Atelier, stop cleanly on SIGTERM. */
import { readConfig } from './config.ts'
import { shutdownOnSignals, startAtelierServer } from './atelier-server.ts'
import { log } from './log.ts'
import { storeKindOf } from './store/open-store.ts'

const config = readConfig()
const server = await startAtelierServer(config)
shutdownOnSignals(server)
// Tests read this line to learn the port when PORT=0.
log('info', 'listening', { url: server.url, port: server.port, store: storeKindOf(config), dataDir: config.databaseUrl ? undefined : config.dataDir })
