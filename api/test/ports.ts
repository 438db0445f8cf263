import { createServer, type Server } from 'node:net';

/** This suite's share of the machine's ports; other helpers and dev servers use other ranges. */
const PORT_RANGE = { first: 8800, last: 8899 } as const;

function tryListen(server: Pick<Server, 'listen' | 'once' | 'off'>, port: number) {
  return new Promise<boolean>((resolve) => {
    const onError = () => resolve(false);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve(true);
    });
  });
}

/** Binds `server` to the first free port of the range on 127.0.0.1 and returns it. */
export async function listenOnFreePort(
  server: Pick<Server, 'listen' | 'once' | 'off'>,
  from: number = PORT_RANGE.first,
): Promise<number> {
  for (let port = from; port <= PORT_RANGE.last; port += 1) {
    if (await tryListen(server, port)) return port;
  }
  throw new Error(`No free port in ${from}-${PORT_RANGE.last}`);
}

/** A port of the range that is free right now (for servers that bind it themselves). */
export async function findFreePort(from: number = PORT_RANGE.first): Promise<number> {
  const probe = createServer();
  const port = await listenOnFreePort(probe, from);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
