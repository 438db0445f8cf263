import { describeMigrations } from '../migrate-suite.ts';
import { describeUuidMigration } from '../uuid-migration-suite.ts';
import { describeFidelity, useTarget } from './fidelity/suite.ts';
import { startNeonLocal } from './index.ts';

// One in-memory PGlite for the whole file: starting the WASM Postgres is the slow part.
const server = useTarget(async () => {
  const server = await startNeonLocal({ backend: 'pglite', dataDir: 'memory', quiet: true });
  return { server, close: () => server.close() };
});

describeFidelity('PGlite (in memory)', server);
describeMigrations('PGlite (in memory)', server);
describeUuidMigration('PGlite (in memory)', server);
