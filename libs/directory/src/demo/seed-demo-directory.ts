import { DirectoryError } from '../directory.errors';
import { DirectoryService } from '../directory.service';
import { DEMO_AGENCIES } from './demo-agencies';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

export interface DemoSeedResult {
  agenciesCreated: string[];
  usersCreated: string[];
}

/**
 * Creates whatever demo agency or user is missing and touches nothing that exists: a second run
 * (or a concurrent one) changes nothing, and a demo account whose password someone changed keeps it.
 * Only for embedded mode with DEMO_DATA on; never in a production configuration.
 */
export async function seedDemoDirectory(directory: DirectoryService): Promise<DemoSeedResult> {
  const result: DemoSeedResult = { agenciesCreated: [], usersCreated: [] };
  for (const agency of DEMO_AGENCIES) {
    if (await directory.findAgency(agency.id)) continue;
    if (await ignoringAlreadyExists(directory.createAgency(agency))) result.agenciesCreated.push(agency.id);
  }
  for (const user of DEMO_USERS) {
    if (await directory.findUserByUsername(user.username)) continue;
    if (await ignoringAlreadyExists(directory.createUser({ ...user, password: DEMO_PASSWORD }))) result.usersCreated.push(user.username);
  }
  return result;
}

/** Lost a race with another seeder: the row is there, which is all that was wanted. */
async function ignoringAlreadyExists(creation: Promise<unknown>): Promise<boolean> {
  try {
    await creation;
    return true;
  } catch (error) {
    if (error instanceof DirectoryError && error.code === 'ALREADY_EXISTS') return false;
    throw error;
  }
}
