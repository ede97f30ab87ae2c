import { referenceFile } from '../support/reference.ts';

/** Linkage reference data kept in the repository (test/fixtures/reference/linkage/). */
export const linkageData = (rel: string): URL => referenceFile(`linkage/${rel}`);
