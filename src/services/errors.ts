/** A mistake the user can fix: the message says what to type instead and becomes the reply. */
export class UserError extends Error {}

/** "The database is unreachable or refused": retry later, never tell the user it was their fault. */
export { isDbError } from '../db/errors';
