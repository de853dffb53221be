import type { AgencyKind } from '@app/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AgencyService } from '../directory.types';

/** The table is created by migration (synchronize is never on); the columns here only map it. */
@Entity({ name: 'directory_agencies' })
export class AgencyEntity {
  /** A stable slug (`questura-lucca`): agreements and events name agencies by it. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: AgencyKind;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  province: string | null;

  @Column({ type: 'text', array: true })
  municipalities: string[];

  @Column({ type: 'jsonb' })
  services: AgencyService[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
