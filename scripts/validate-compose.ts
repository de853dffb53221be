/**
 * Validates docker-compose.yml (Compose Specification schema + project rules) and the Dockerfile
 * targets it builds. No Docker engine needed.
 *   npx ts-node --transpile-only scripts/validate-compose.ts [compose-file]
 */
import { join } from 'node:path';
import { validateRepositoryDeployment } from './compose-validation';

const file = process.argv[2] ?? 'docker-compose.yml';
const errors = validateRepositoryDeployment(join(__dirname, '..'), file);
if (errors.length > 0) {
  for (const error of errors) console.error(error);
  console.error(`${file}: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`${file}: valid`);
