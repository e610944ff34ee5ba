import { anyPatternMatches } from '../classifier/patterns.js';
import { emergencyTypes, type EmergencyType } from './emergency-types.js';

/** The first emergency type (in list order: the most specific first) whose pattern matches the normalised text. */
export function detectEmergency(normalised: string): EmergencyType | undefined {
  return emergencyTypes.find((type) => anyPatternMatches(normalised, type.patterns));
}

export function emergencyType(code: string): EmergencyType | undefined {
  return emergencyTypes.find((type) => type.code === code);
}
