// Resource shapes of the /api/v1 contract.
import type { RoleName } from './roles';

export type UserKind = 'staff' | 'person' | 'org';

export interface User {
  id: number | string;
  username: string;
  display_name: string;
  role: RoleName;
  department_id: number | string | null;
  region_code: string | null;
  kind: UserKind;
  id_number?: string;
  uscc?: string;
  disabled: boolean;
  created_at: string;
}

export interface Role {
  name: RoleName;
  label: string;
}

export interface Department {
  id: number | string;
  name: string;
  code: string;
  parent_id: number | string | null;
  region_code: string;
  created_at: string;
}

export interface Region {
  code: string;
  name: string;
  parent_code: string | null;
  level: number | string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  request_id: string;
  outcome: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; first_broken_seq: number; checked: number };
