import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An API key as stored: a keyed hash and a display prefix, never the secret itself. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** HMAC-SHA256 (hex) of the secret under API_KEY_HASH_SECRET. */
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true })
  keyHash!: string;

  @Column({ name: 'display_prefix', type: 'text' })
  displayPrefix!: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** Model or provider ids the key may use; null allows all. */
  @Column({ name: 'allowed_models', type: 'text', array: true, nullable: true })
  allowedModels!: string[] | null;

  @Column({ name: 'rpm_limit', type: 'integer', nullable: true })
  rpmLimit!: number | null;

  @Column({ name: 'tpm_limit', type: 'integer', nullable: true })
  tpmLimit!: number | null;

  @Column({ name: 'routing_strategy', type: 'text', nullable: true })
  routingStrategy!: string | null;

  @Column({ name: 'guardrail_policy', type: 'jsonb', nullable: true })
  guardrailPolicy!: Record<string, unknown> | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  metadata!: Record<string, unknown>;

  /** The key this one replaced by rotation (migration 1761000000021). */
  @Column({ name: 'rotated_from', type: 'uuid', nullable: true })
  rotatedFrom!: string | null;
}
