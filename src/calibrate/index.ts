// What src/calibrate offers the other stages; they import it only through this file.
export { completeGenerations } from './abc-smc.ts';
export type { Generation } from './abc-smc.ts';
export { parseCalibrationConfig } from './config.ts';
export type { CalibrationConfig } from './config.ts';
export { checkObservationParam, splitTheta } from './observation-params.ts';
export type { PredictiveCheck } from './posterior.ts';
export { calibrate, summarise } from './run.ts';
export type { CalibrationResult } from './run.ts';
export { calibrationOutput } from './summaries.ts';
