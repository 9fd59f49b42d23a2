import { z } from 'zod';
import { bool } from '../env.fields';

/**
 * The admin dashboard (static files served by the admin API at /dashboard). A relative folder
 * resolves against the working directory; the default is the source folder in the repository.
 */
export const dashboardEnvShape = {
  ADMIN_DASHBOARD_DIR: z.string().min(1).default('apps/admin-dashboard'),
  ADMIN_DASHBOARD_ENABLED: bool(true),
};
