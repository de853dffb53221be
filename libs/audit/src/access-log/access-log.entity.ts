import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'audit_access_log' })
export class AccessLogEntryEntity {
  /** bigint: TypeORM hands it over as a string, which is also how the cursor carries it. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ name: 'accessed_at', type: 'timestamptz' })
  accessedAt: Date;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'agency_id', type: 'text' })
  agencyId: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  route: string;

  @Column({ type: 'text' })
  outcome: 'granted' | 'denied';

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;

  @Column({ type: 'jsonb' })
  detail: Record<string, unknown>;
}
