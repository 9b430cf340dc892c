/**
 * The route table: one entry per endpoint, with the credential it needs, its body schema and a
 * thin handler over the service, grouped in `routes/` as core groups its use cases. Status codes
 * are not decided here (see `statusForCode`). The order is the order of `MonbanHttp.routes` and
 * of the OpenAPI document's paths, and decides between routes that match the same path: the
 * first of the request's method wins (`GET /step-up/password` is `/step-up/{action}`).
 */
import type { RouteDef } from './context.js';
import { ADMIN_ROUTES } from './routes/admin.js';
import { FLOW_ROUTES } from './routes/flow.js';
import { LOGIN_ROUTES } from './routes/login.js';
import { META_ROUTES } from './routes/meta.js';
import { PASSKEY_SIGN_IN_ROUTES } from './routes/passkeySignIn.js';
import { RECOVERY_ROUTES } from './routes/recovery.js';
import { SESSION_ROUTES } from './routes/sessions.js';
import { SETTINGS_ROUTES } from './routes/settings.js';
import { STEP_UP_ROUTES } from './routes/stepUp.js';

/** Every route of the API. */
export const ROUTES: readonly RouteDef[] = [
  ...META_ROUTES,
  ...LOGIN_ROUTES,
  ...PASSKEY_SIGN_IN_ROUTES,
  ...FLOW_ROUTES,
  ...SESSION_ROUTES,
  ...STEP_UP_ROUTES,
  ...SETTINGS_ROUTES,
  ...RECOVERY_ROUTES,
  ...ADMIN_ROUTES,
];
