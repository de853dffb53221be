export const USER_ROLES = ['LIAISON', 'GATEKEEPER', 'COORDINATOR', 'AUDITOR', 'ADMIN'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The person acting, as authenticated by the transport. Which agency acts decides what it may do. */
export interface Actor {
  userId: string;
  agencyId: string;
  roles: readonly UserRole[];
}

/** Who caused an event; kept in the event itself so that history answers "who" without its envelope. */
export interface By {
  userId: string;
  agencyId: string;
}

export const hasRole = (actor: Actor, role: UserRole): boolean => actor.roles.includes(role);

export const byActor = (actor: Actor): By => ({ userId: actor.userId, agencyId: actor.agencyId });
