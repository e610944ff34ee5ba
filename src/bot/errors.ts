export { UserError } from '../services/errors';
