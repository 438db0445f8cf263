// drizzle-kit reads the schema and writes SQL migrations to ./drizzle (`npm run db:generate`);
// dev/migrate.ts applies them. Generating needs no database connection.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
