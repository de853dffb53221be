import type { AgencyKind, UserRole } from '@app/domain';

/** What an agency offers; NGOs' shelters carry their number of places. */
export const SERVICE_KINDS = ['shelter', 'desk', 'drop-in', 'street-unit', 'hotline', 'health', 'legal'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface AgencyService {
  kind: ServiceKind;
  name: string;
  /** Places, for a shelter (required there); absent for other services. */
  capacity?: number;
}

/**
 * Where an agency works. No province: the whole region (a Regione, a regional hotline); no region:
 * the whole country (the national hotline). No municipalities: the whole province or region.
 */
export interface AgencyTerritory {
  region: string | null;
  /** Province code as agreements use it, e.g. 'LU'. */
  province: string | null;
  municipalities: string[];
}

export interface Agency {
  id: string;
  name: string;
  kind: AgencyKind;
  territory: AgencyTerritory;
  services: AgencyService[];
  createdAt: string;
}

export type AgencySummary = Pick<Agency, 'id' | 'name' | 'kind'>;

/** A user as the rest of the platform sees one: never the password hash. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  agency: AgencySummary;
  roles: UserRole[];
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface NewAgency {
  id: string;
  name: string;
  kind: AgencyKind;
  territory: { region: string | null; province?: string | null; municipalities?: readonly string[] };
  services?: readonly AgencyService[];
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  agencyId: string;
  roles: readonly UserRole[];
  /** Fixed ids for demo data; otherwise a random UUID. */
  id?: string;
  active?: boolean;
}
