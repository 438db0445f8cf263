/** Every URL of the API contract, written once: the API mounts them and the web calls them. */
export const API_PREFIX = '/api/v1';

export const apiPaths = {
  health: `${API_PREFIX}/health`,
  openapi: `${API_PREFIX}/openapi.json`,
  docs: `${API_PREFIX}/docs`,
  me: `${API_PREFIX}/me`,
  password: `${API_PREFIX}/me/password`,
  sessions: `${API_PREFIX}/sessions`,
  session: (id: string) => `${API_PREFIX}/sessions/${encodeURIComponent(id)}`,
  signup: `${API_PREFIX}/auth/signup`,
  login: `${API_PREFIX}/auth/login`,
  token: `${API_PREFIX}/auth/token`,
  logout: `${API_PREFIX}/auth/logout`,
  jwks: `${API_PREFIX}/auth/jwks`,
  tasks: `${API_PREFIX}/tasks`,
  task: (id: string) => `${API_PREFIX}/tasks/${encodeURIComponent(id)}`,
  taskCompletion: (id: string) => `${API_PREFIX}/tasks/${encodeURIComponent(id)}/complete`,
  tasksBulk: `${API_PREFIX}/tasks/bulk`,
  taskCounts: `${API_PREFIX}/tasks/counts`,
  tags: `${API_PREFIX}/tags`,
  lists: `${API_PREFIX}/lists`,
  list: (id: string) => `${API_PREFIX}/lists/${encodeURIComponent(id)}`,
} as const;
