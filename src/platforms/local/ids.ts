import { randomUUID } from 'node:crypto';

/** Message ids for the local platform (the browser does not make them, so a double click is two messages). */
export const uuidLike = (): string => `local-${randomUUID()}`;
