/** Where the shared reference data lives (the repository's parent folder holds shared/). */
export const linkageData = (rel: string): URL => new URL(`../../../shared/data/linkage/${rel}`, import.meta.url);
