import type { UserRole } from '@app/domain';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';

@Entity({ name: 'directory_users' })
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Lowercase, unique. */
  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** Never loaded unless asked for by name: only credential checks need it. */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'agency_id', type: 'text' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { nullable: false })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ type: 'text', array: true })
  roles: UserRole[];

  @Column({ type: 'boolean' })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
