// Multiple systems estimation (capture–recapture): the public surface of src/mse.
export * from './table.ts';
export * from './estimate.ts';
export * from './two-list.ts';
export * from './hierarchical-models.ts';
export * from './loglinear-fit.ts';
export * from './model-selection.ts';
export * from './profile-interval.ts';
export * from './bootstrap.ts';
export * from './loglinear.ts';
export * from './decomposable-graphs.ts';
export * from './dga.ts';
export * from './lcmcr.ts';
export * from './mcmc-diagnostics.ts';
export * from './simulate-world.ts';
export * from './read-input.ts';
export * from './report.ts';
