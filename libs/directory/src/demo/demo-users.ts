import { createHash } from 'node:crypto';
import type { UserRole } from '@app/domain';

/** Every demo account's password. Demo data never loads outside embedded mode. */
export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: readonly UserRole[];
}

/**
 * A name-based (v5-style) UUID, so that a demo user has the same id in every fresh database and the
 * events that name it stay meaningful across demo resets.
 */
export function demoUserId(username: string): string {
  const hex = createHash('sha1').update(`antitratta-demo-user:${username}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const user = (username: string, displayName: string, agencyId: string, ...roles: UserRole[]): DemoUser => ({
  id: demoUserId(username),
  username,
  displayName,
  agencyId,
  roles,
});

/** Invented people. */
export const DEMO_USERS: readonly DemoUser[] = [
  // Lucca protocol.
  user('liaison.questura.lucca', 'Ispettrice Elena Moretti', 'questura-lucca', 'LIAISON'),
  user('liaison.comune.viareggio', 'Assistente sociale Davide Guidi', 'comune-viareggio', 'LIAISON'),
  user('liaison.usl.versilia', 'Dott.ssa Irene Pardini', 'usl-12-versilia', 'LIAISON'),
  user('liaison.coop.arnera', 'Operatore di strada Luca Benedetti', 'coop-arnera', 'LIAISON'),
  user('gatekeeper.ceis.lucca', 'Operatrice antitratta Chiara Del Carlo', 'ceis-lucca', 'GATEKEEPER'),
  user('gatekeeper.numeroverde.toscana', 'Operatore Numero Verde Marco Lenzi', 'numero-verde-toscana', 'GATEKEEPER'),
  user('coordinator.provincia.lucca', 'Referente provinciale Anna Giannecchini', 'provincia-lucca', 'COORDINATOR'),
  user('auditor.regione.toscana', 'Revisore regionale Paolo Nardi', 'regione-toscana', 'AUDITOR'),
  user('admin.regione.toscana', 'Amministratrice della piattaforma Silvia Fabbri', 'regione-toscana', 'ADMIN'),

  // Lazio.
  user('liaison.questura.roma', 'Vice ispettore Fabio Ceccarelli', 'questura-roma', 'LIAISON'),
  user('liaison.commissione.roma', 'Funzionaria istruttoria Laura Pace', 'commissione-territoriale-roma', 'LIAISON'),
  user('liaison.asl.roma1', 'Dott. Stefano Orsini', 'asl-roma-1', 'LIAISON'),
  user('gatekeeper.ponteaperto.roma', 'Coordinatrice accoglienza Valeria Rinaldi', 'ponte-aperto-roma', 'GATEKEEPER'),
  user('gatekeeper.numeroverde.nazionale', 'Operatrice Numero Verde Sara Ferri', 'numero-verde-nazionale', 'GATEKEEPER'),
  user('coordinator.regione.lazio', 'Referente regionale Andrea Sartori', 'regione-lazio', 'COORDINATOR'),
  user('auditor.regione.lazio', 'Revisora regionale Giovanna Testa', 'regione-lazio', 'AUDITOR'),
];
