import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentSession } from '../../services/auth.service.js';

/** What every handler finds on the Hono context. */
export interface AppEnv {
  Variables: {
    /** The signed-in session, when the request carried a valid cookie. */
    session: CurrentSession | undefined;
    db: Kysely<Database>;
  };
}
