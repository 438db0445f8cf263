import { startNeonLocal } from './index.ts';
import { describeFidelity } from './fidelity/suite.ts';

describeFidelity('PGlite (in memory)', async () => {
  const server = await startNeonLocal({ backend: 'pglite', dataDir: 'memory', quiet: true });
  return { server, close: () => server.close() };
});
