import { readReferenceJson } from '../support/reference.ts';

/** Nowcasting reference data kept in the repository (test/fixtures/reference/nowcast/). */
export const nowcastReference = <T = unknown>(name: string): T => readReferenceJson<T>(`nowcast/${name}`);
