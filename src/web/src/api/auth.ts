// Types and calls of the auth area's admin API: API applications, agents, roles, user roles, teams.
import { api } from './client.js';

export interface Application {
  id: number;
  name: string;
  description: string | null;
  active: boolean;
  auth_method: 'client_credentials' | 'api_key';
  client_id: string;
  login_agent_id: number;
  login_agent_name: string;
  scopes: string[];
  secret_created_at: string;
  created_at: string;
  updated_at: string;
  active_tokens: number;
}

export interface IssuedCredential {
  application: Application;
  client_id: string;
  client_secret?: string;
  api_key?: string;
}

export interface Agent {
  id: number;
  name: string;
  login: string | null;
  email: string | null;
  firstname: string | null;
  surname: string | null;
  is_api_only: boolean;
  inactive: boolean;
  notify_sync_failures: boolean;
  default_team_id: number | null;
  has_password: boolean;
  roles: { id: number; name: string }[];
  teams: number[];
  permissions: string[];
}

export interface Role {
  id: number;
  name: string;
  description: string | null;
  permissions: string[];
}

/** End-user roles (Halo's user roles): given to the people a site mapping imports. */
export interface UserRole {
  id: number;
  name: string;
  description: string | null;
}

export interface Team {
  id: number;
  name: string;
  inactive?: boolean;
}

export const auth = {
  applications: '/applications',
  scopes: '/applications/scopes',
  agents: '/agents',
  roles: '/roles',
  userRoles: '/user-roles',
  teams: '/teams',
  createApplication: (body: Record<string, unknown>) => api.post<IssuedCredential>('/applications', body),
  updateApplication: (id: number, body: Record<string, unknown>) =>
    api.patch<Application>(`/applications/${id}`, body),
  regenerateSecret: (id: number) => api.post<IssuedCredential>(`/applications/${id}/regenerate-secret`),
  revokeTokens: (id: number) => api.post<unknown>(`/applications/${id}/revoke-tokens`),
  createAgent: (body: Record<string, unknown>) => api.post<Agent>('/agents', body),
  updateAgent: (id: number, body: Record<string, unknown>) => api.patch<Agent>(`/agents/${id}`, body),
  createUserRole: (body: { name: string; description?: string }) => api.post<UserRole>('/user-roles', body),
  updateUserRole: (id: number, body: { name: string; description?: string | null }) =>
    api.patch<UserRole>(`/user-roles/${id}`, body),
  deleteUserRole: (id: number) => api.del<{ deleted: number; usersCleared: number }>(`/user-roles/${id}`),
};
