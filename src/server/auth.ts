import type { Role } from '../store/workspace-repositories.js';

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];
export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}
