/** A mistake the user can fix: the message says what to type instead and becomes the reply. */
export class UserError extends Error {}
