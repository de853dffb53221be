import 'reflect-metadata';
import { runServiceApp } from '@app/platform';
import { ReferralsServiceModule } from '@app/referrals';

/** The referrals service alone (distributed deployment): commands and loads over NATS, health and metrics over HTTP. */
void runServiceApp({ name: 'referrals', port: 3001, imports: [ReferralsServiceModule] });
